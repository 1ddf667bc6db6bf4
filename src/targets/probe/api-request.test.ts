import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../http/client.js';
import { listItems, withQuery } from './api-request.js';

const response = (body: unknown): HttpResponse => ({ url: 'https://api.example.test/items', status: 200, headers: new Map(), body: JSON.stringify(body), bodyTruncated: false, firstByteMs: 1, totalMs: 1 });
const at = (body: unknown, itemsAt?: string) => {
  const { items, at } = listItems(response(body), itemsAt);
  return [at, items.length];
};

describe('listItems: where list responses keep their items', () => {
  it('finds the items of the common list shapes', () => {
    expect(at([{ id: 1 }, { id: 2 }])).toEqual(['', 2]);
    // Stripe, Django REST framework, GitHub search.
    expect(at({ object: 'list', data: [{ id: 'cus_1' }], has_more: true, url: '/v1/customers' })).toEqual(['/data', 1]);
    expect(at({ count: 40, next: '/api/items?page=2', previous: null, results: [{ id: 1 }, { id: 2 }] })).toEqual(['/results', 2]);
    expect(at({ total_count: 3, incomplete_results: false, items: [{ id: 7 }, { id: 9 }, { id: 11 }] })).toEqual(['/items', 3]);
    // Spring Data REST (HAL): one level down.
    expect(at({ _embedded: { people: [{ firstName: 'Frodo' }] }, _links: { self: { href: '/people' } }, page: { size: 20 } })).toEqual(['/_embedded/people', 1]);
    // An envelope with an empty errors array beside the items.
    expect(at({ data: [{ id: 1 }, { id: 2 }], errors: [] })).toEqual(['/data', 2]);
  });

  it('asks for itemsAt when two arrays of objects could be the items (JSON:API with included)', () => {
    const compound = { data: [{ type: 'articles', id: '1' }], included: [{ type: 'people', id: '9' }] };
    expect(() => listItems(response(compound), undefined)).toThrow('arrays at /data, /included in the response: set itemsAt');
    expect(at(compound, '/data')).toEqual(['/data', 1]);
  });

  it('refuses a body that is not JSON or over the size read', () => {
    expect(() => listItems({ ...response(null), body: '<html>' }, undefined)).toThrow('not JSON');
    expect(() => listItems({ ...response([]), bodyTruncated: true }, undefined)).toThrow('over 1 MiB');
  });

  it('sets the page-size parameter and keeps the others', () => {
    expect(withQuery('/api/items?sort=name&limit=20', 'limit', 100000)).toBe('/api/items?sort=name&limit=100000');
    expect(withQuery('/api/items', 'page[size]', 5)).toBe('/api/items?page%5Bsize%5D=5');
  });
});
