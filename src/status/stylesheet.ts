/**
 * The status pages' only stylesheet, served from /assets/status.css so the CSP allows styles
 * from 'self' alone. Colours keep WCAG AA contrast: text 4.5:1 on its background, bars 3:1.
 */
export const STATUS_CSS = `:root{color-scheme:light;--fg:#1f2328;--muted:#57606a;--bg:#ffffff;--line:#d0d7de;--up:#1a7f37;--down:#cf222e;--degraded:#9a6700;--maintenance:#0969da;--none:#8c959f}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.75rem;margin:.5rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1rem;margin:0}
.overall{font-size:1.1rem;padding:.75rem 1rem;border:1px solid var(--line);border-left-width:.5rem;border-radius:.375rem}
.overall-up{border-left-color:var(--up)}.overall-down{border-left-color:var(--down)}.overall-maintenance{border-left-color:var(--maintenance)}.overall-stale,.overall-unknown{border-left-color:var(--none)}
.updated,.legend,.description,.target,footer{color:var(--muted);font-size:.875rem}
.state{font-weight:600;white-space:nowrap}.state-up{color:var(--up)}.state-down{color:var(--down)}.state-maintenance{color:var(--maintenance)}.state-stale,.state-unknown{color:var(--muted)}
ul.monitors,ul.incidents{list-style:none;padding:0;margin:0}
.monitor{border:1px solid var(--line);border-radius:.375rem;padding:.75rem 1rem;margin:.75rem 0}
.monitor-head{display:flex;justify-content:space-between;gap:1rem;align-items:baseline}
.bars{display:block;width:100%;height:2.125rem;margin:.5rem 0 .25rem}
.bar.up{fill:var(--up)}.bar.down{fill:var(--down)}.bar.degraded{fill:var(--degraded)}.bar.maintenance{fill:var(--maintenance)}.bar.none{fill:var(--none)}
.legend{display:flex;justify-content:space-between;margin:0}
.figures{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:.5rem 0 0}.figures dt{color:var(--muted);font-size:.875rem}.figures dd{margin:0;display:flex;align-items:center;gap:.5rem}
.spark{width:7.5rem;height:1.75rem}.spark path{fill:none;stroke:var(--maintenance);stroke-width:1.5}
.timeline{margin:.25rem 0 1rem;padding-left:1.25rem}.timeline time{font-variant-numeric:tabular-nums;margin-right:.5rem}
.pager{display:flex;gap:1rem;align-items:center}
a{color:#0550ae}a:focus-visible{outline:2px solid #0550ae;outline-offset:2px}
code{font-size:.875rem}
`;
