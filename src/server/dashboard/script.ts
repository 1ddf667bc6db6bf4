/**
 * The dashboard's only script, served as a file (the CSP allows scripts from 'self' alone):
 * it draws a uPlot chart into each figure from its JSON route. The tables beside the charts
 * hold the same figures for readers without script.
 */
export const DASHBOARD_JS = `'use strict';
(function () {
  function width(figure) { return Math.max(320, Math.min(figure.clientWidth || 800, 1200)); }
  function draw(figure, options, data) {
    var chart = document.createElement('div');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', figure.querySelector('figcaption').textContent);
    figure.insertBefore(chart, figure.firstChild);
    new uPlot(Object.assign({ width: width(figure), height: 220 }, options), data, chart);
  }
  function load(url) {
    return fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then(function (response) {
      if (!response.ok) throw new Error(url + ': ' + response.status);
      return response.json();
    });
  }
  document.querySelectorAll('figure[data-series]').forEach(function (figure) {
    load(figure.getAttribute('data-series')).then(function (series) {
      draw(figure, {
        title: series.monitor,
        scales: { ms: { auto: true }, pct: { range: [0, 100] } },
        axes: [{}, { scale: 'ms', label: 'ms' }, { scale: 'pct', side: 1, label: '% up', grid: { show: false } }],
        series: [{}, { label: 'mean response (ms)', scale: 'ms', stroke: '#0969da', width: 2 }, { label: 'uptime (%)', scale: 'pct', stroke: '#1a7f37', dash: [6, 4] }]
      }, [series.times, series.meanMs, series.uptime]);
    }).catch(function () { figure.classList.add('chart-failed'); });
  });
  document.querySelectorAll('figure[data-progress]').forEach(function (figure) {
    load(figure.getAttribute('data-progress')).then(function (history) {
      var runs = history.runs;
      draw(figure, {
        series: [{}, { label: 'fixed', stroke: '#1a7f37', width: 2 }, { label: 'items', stroke: '#57606a', dash: [6, 4] }, { label: 'regressions', stroke: '#cf222e', width: 2 }]
      }, [runs.map(function (run) { return Date.parse(run.at) / 1000; }), runs.map(function (run) { return run.fixed; }), runs.map(function (run) { return run.total; }), runs.map(function (run) { return run.regressions; })]);
    }).catch(function () { figure.classList.add('chart-failed'); });
  });
})();
`;
