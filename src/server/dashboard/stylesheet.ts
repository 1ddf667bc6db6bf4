/**
 * The dashboard's rules on top of the status stylesheet (loaded first): only its colour
 * variables, so the contrast the status stylesheet's test holds holds here too.
 */
export const DASHBOARD_CSS = `body.dashboard{max-width:80rem}
.skip{position:absolute;left:-999rem;top:0;padding:.5rem 1rem;background:var(--bg);color:var(--fg);border:2px solid var(--fg)}
.skip:focus{left:1rem}
.sections{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0;margin:0}
.sections a[aria-current="page"]{font-weight:700;text-decoration:underline}
.who{color:var(--muted);font-size:.875rem}
.sign-out{margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;color:var(--muted);font-size:.875rem;padding:.25rem 0}
th,td{border-bottom:1px solid var(--line);padding:.375rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid var(--fg)}
.chart{margin:1rem 0}
.chart figcaption{color:var(--muted);font-size:.875rem}
.notice{padding:.5rem 1rem;border:1px solid var(--line);border-left:.5rem solid var(--maintenance)}
.update-form{display:grid;gap:.25rem;max-width:40rem;margin:.5rem 0 1rem}
label{font-weight:600}
textarea,select,button{font:inherit;color:var(--fg)}
button{padding:.25rem .75rem;border:1px solid var(--fg);border-radius:.25rem;background:var(--bg);cursor:pointer}
button:focus-visible,textarea:focus-visible,select:focus-visible{outline:2px solid var(--maintenance);outline-offset:2px}
`;
