import { LIVE_REFRESH_HEADER } from './auth/session.js';

/** Where the script is served; public, as it holds no data. */
export const LIVE_SCRIPT_PATH = '/assets/live.js';

/**
 * Live updates of the dashboard and the status pages, served as a file (the CSP allows scripts from
 * 'self' alone): every `data-refresh` seconds, while the tab is visible, it fetches the page again
 * (revalidating) and swaps each `[data-live]` region whose markup changed, so an
 * incident appears without a reload. A region with focus inside or a form being filled in is left
 * as it is until it is not; a session that
 * ended (the fetch lands on /login) reloads the page, which then asks to sign in. Its requests say
 * so (LIVE_REFRESH_HEADER): they do not keep an unattended session from ending after 2 idle hours.
 */
export const LIVE_REFRESH_JS = `'use strict';
(function () {
  var main = document.getElementById('main');
  var seconds = Number(main && main.getAttribute('data-refresh')) || 15;
  var inFlight = false;
  function changed(control) {
    if (control.type === 'hidden' || control.type === 'submit') return false;
    if (control.type === 'checkbox' || control.type === 'radio') return control.checked !== control.defaultChecked;
    if (control.tagName === 'SELECT' && control.multiple) return Array.prototype.some.call(control.options, function (option) { return option.selected !== option.defaultSelected; });
    if (control.tagName === 'SELECT') {
      // Without a selected attribute the first option is the default one.
      var initial = Array.prototype.findIndex.call(control.options, function (option) { return option.defaultSelected; });
      return control.selectedIndex !== Math.max(initial, 0);
    }
    return control.value !== control.defaultValue;
  }
  function busy(region) {
    return region.contains(document.activeElement) && document.activeElement !== region ||
      Array.prototype.some.call(region.querySelectorAll('input, select, textarea'), changed);
  }
  function refresh() {
    if (document.hidden) return;
    if (inFlight) return;
    inFlight = true;
    fetch(location.href, { credentials: 'same-origin', cache: 'no-cache', headers: { accept: 'text/html', '${LIVE_REFRESH_HEADER}': '1' } }).then(function (response) {
      if (response.redirected && new URL(response.url).pathname === '/login') return location.reload();
      if (!response.ok) return;
      return response.text().then(function (text) {
        var fresh = new DOMParser().parseFromString(text, 'text/html');
        var updated = false;
        document.querySelectorAll('[data-live]').forEach(function (region) {
          var next = fresh.getElementById(region.id);
          if (!next || next.innerHTML === region.innerHTML || busy(region)) return;
          region.replaceChildren.apply(region, Array.prototype.map.call(next.childNodes, function (node) { return document.importNode(node, true); }));
          updated = true;
        });
        var stamp = document.getElementById('live-updated');
        if (updated && stamp) stamp.textContent = 'Updated ' + new Date().toLocaleTimeString();
      });
    }).catch(function () { /* the next round tries again */ }).finally(function () { inFlight = false; });
  }
  setInterval(refresh, seconds * 1000);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) refresh(); });
})();
`;
