import type { HttpHeaders } from '../client.js';

/** One response as the grader reads it. */
export interface ObservedResponse {
  url: URL;
  status: number;
  headers: HttpHeaders;
  body: string;
}

/** A GET of the site's http:// or https:// URL and the redirects it followed. */
export type ObservedChain =
  | {
      /** Every URL requested, the first one first, then each redirect target. */
      urls: URL[];
      /** The responses in the same order; the last one is the page the tests read. */
      responses: ObservedResponse[];
      certificateError?: false;
    }
  /** The chain reached an https URL whose certificate did not verify. */
  | { certificateError: true };

export interface ObservatoryRequests {
  /** The host name graded (preload and registrable-domain questions are about it). */
  hostname: string;
  /** undefined: nothing answered on plain http. */
  http: ObservedChain | undefined;
  /** undefined: nothing answered on https. */
  https: ObservedChain | undefined;
  /** An OPTIONS preflight of the final URL with `origin` and Access-Control-Request-Method: GET. */
  cors: { response: ObservedResponse; origin: string } | undefined;
}
