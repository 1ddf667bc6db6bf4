import { percent, milliseconds } from './format.js';
import { html, Html } from './html-escape.js';
import type { DayBar, HourPoint } from './snapshot.js';

/** Server-rendered SVG: styled by class from the served stylesheet, so the CSP needs no inline style. */

const BAR_WIDTH = 6;
const BAR_GAP = 2;
const BAR_HEIGHT = 34;

export function barClass(bar: DayBar): string {
  if (bar.total === 0) return 'none';
  if (bar.uptime === null) return 'maintenance';
  if (bar.failed === 0) return 'up';
  return bar.uptime >= 99 ? 'degraded' : 'down';
}

const BAR_WORDS: Record<string, string> = { none: 'no data', maintenance: 'maintenance only', up: 'no outage', degraded: 'partial outage', down: 'outage' };

/** One bar per day; each says its date and uptime in its title, and the whole chart is summed up in its label. */
export function uptimeBars(days: readonly DayBar[], label: string): Html {
  const width = days.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  const outageDays = days.filter((day) => day.failed > 0).length;
  const summary = `${label}: ${outageDays === 0 ? 'no outage' : `${outageDays} day${outageDays === 1 ? '' : 's'} with an outage`} in ${days.length} days`;
  // 90 rects per monitor, 100 monitors a page: built as plain strings, as every part is a date, a number or a fixed word.
  let rects = '';
  days.forEach((day, i) => {
    const kind = barClass(day);
    // Down days are shorter too, so the chart does not speak by colour alone.
    const height = kind === 'down' ? 20 : kind === 'degraded' ? 27 : BAR_HEIGHT;
    const up = day.total > 0 && day.uptime !== null ? `, ${percent(day.uptime)} up` : '';
    rects += `<rect class="bar ${kind}" x="${i * (BAR_WIDTH + BAR_GAP)}" y="${BAR_HEIGHT - height}" width="${BAR_WIDTH}" height="${height}" rx="1"><title>${day.date}: ${BAR_WORDS[kind]}${up}</title></rect>`;
  });
  return html`<svg class="bars" viewBox="0 0 ${width} ${BAR_HEIGHT}" preserveAspectRatio="none" role="img" aria-label="${summary}"><title>${summary}</title>${new Html(rects)}</svg>`;
}

const SPARK_WIDTH = 120;
const SPARK_HEIGHT = 28;

/** Mean response time per hour as a line; hours without samples break it. Nothing without any (the figure beside it says so). */
export function sparkline(points: readonly HourPoint[], label: string): Html | '' {
  const values = points.map((point) => point.meanMs);
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return '';
  const max = Math.max(...known);
  const min = Math.min(...known);
  const step = SPARK_WIDTH / Math.max(1, points.length - 1);
  const y = (value: number) => (max === min ? SPARK_HEIGHT / 2 : SPARK_HEIGHT - 2 - ((value - min) / (max - min)) * (SPARK_HEIGHT - 4));
  const runs: string[] = [];
  let run = '';
  values.forEach((value, i) => {
    if (value === null) {
      if (run) runs.push(run);
      run = '';
      return;
    }
    run += `${run ? 'L' : 'M'}${(i * step).toFixed(1)} ${y(value).toFixed(1)}`;
  });
  if (run) runs.push(run);
  const summary = `${label}: ${milliseconds(min)} to ${milliseconds(max)} per hour over ${points.length} hours`;
  return html`<svg class="spark" viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" role="img" aria-label="${summary}"><title>${summary}</title>${runs.map((d) => html`<path d="${d}"/>`)}</svg>`;
}
