// fxhome HTML5 app: the whole history (a day's visits, the calendar, sites, a search in a date range, purging
// fxhome's copy) and one page's story. Registered with app.js's router through window.fxhomeViews; every synced string
// goes in as text through the app's el(), and only http(s)/ftp URLs become links (the app's target()).
'use strict';
(window.fxhomeViews = window.fxhomeViews || []).push((app, register) => {
  const { el, target, show, announce, time, api, errorBox } = app;
  const current = app.isCurrent;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

  const pad = (n) => String(n).padStart(2, '0');
  const isoDay = (d) => d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  /** A YYYY-MM-DD day in this browser's time zone: its local midnight, as a Date. */
  function localDay(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate());
  }
  const nextDay = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
  const clock = (iso) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const longDay = (d) => d.toLocaleDateString(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

  /** The sub-sections of History, with the current one marked. */
  function historyNav(active) {
    const links = [['pages', '#/history', 'Pages'], ['day', '#/day', 'Day'], ['calendar', '#/calendar', 'Calendar'],
      ['sites', '#/sites', 'Sites'], ['search', '#/history-search', 'Search by date'], ['purge', '#/purge', 'Delete & export']];
    return el('nav', { class: 'subnav', 'aria-label': 'History views' }, links.map(([key, href, text]) =>
      el('a', { href, 'aria-current': key === active ? 'page' : null }, text)));
  }
  window.fxhomeHistoryNav = historyNav;

  /** A list paged by cursor: "Load more" (a real button, for keyboards) fetches the next page into the same list. */
  function pagedList(token, id, url, renderItem, emptyText) {
    const list = el('ul', { class: 'list', id });
    const more = el('button', { type: 'button', class: 'secondary', id: id + '-more' }, 'Load more');
    const footer = el('div', { class: 'more' }, more);
    let cursor = null;
    let count = 0;
    async function load() {
      more.disabled = true;
      try {
        const page = await api(url + (cursor ? (url.includes('?') ? '&' : '?') + 'cursor=' + encodeURIComponent(cursor) : ''));
        if (!current(token)) return;
        for (const item of page.items) list.append(renderItem(item));
        count += page.items.length;
        cursor = page.next;
        if (!cursor) footer.replaceChildren(el('p', { class: 'muted' }, count ? '' : emptyText));
        announce(count + ' shown');
      } catch (error) {
        footer.prepend(errorBox(error));
      } finally {
        more.disabled = false;
      }
    }
    more.addEventListener('click', load);
    return { nodes: [list, footer], load };
  }

  function visitItem(v, withDay) {
    return el('li', {}, target(v.title, v.url, v.linkable),
      el('span', { class: 'muted' }, (withDay ? new Date(v.visitedAt).toLocaleDateString() + ' ' : '') + clock(v.visitedAt) + ' · ' + v.transition));
  }

  // ------------------------------------------------------------------ a day

  async function viewDay(token, parts) {
    const day = localDay(parts[0]);
    const before = new Date(day.getFullYear(), day.getMonth(), day.getDate() - 1);
    const url = '/api/v1/history/visits?order=oldest&from=' + encodeURIComponent(day.toISOString())
      + '&to=' + encodeURIComponent(nextDay(day).toISOString());
    const list = pagedList(token, 'day-visits', url, (v) => visitItem(v, false), 'No visits on this day.');
    show(longDay(day), historyNav('day'),
      el('p', { class: 'pager' }, el('a', { href: '#/day/' + isoDay(before), id: 'day-previous' }, '‹ Previous day'), ' ',
        el('a', { href: '#/day/' + isoDay(nextDay(day)), id: 'day-next' }, 'Next day ›'), ' ',
        el('a', { href: '#/calendar/' + isoDay(day).slice(0, 7) }, 'Calendar')),
      el('p', { class: 'muted' }, 'Every visit of this day, in order. Sync does not record which device made a visit.'),
      list.nodes);
    await list.load();
  }

  // ------------------------------------------------------------------ the calendar

  async function viewCalendar(token, parts) {
    const month = /^\d{4}-\d{2}$/.test(parts[0] || '') ? parts[0] : isoDay(new Date()).slice(0, 7);
    const data = await api('/api/v1/history/calendar?month=' + month + '&tz=' + encodeURIComponent(zone));
    if (!current(token)) return;
    const first = new Date(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 1);
    const title = first.toLocaleDateString(undefined, { month: 'long', year: 'numeric' });
    const head = el('tr', {}, [1, 2, 3, 4, 5, 6, 7].map((i) => el('th', { scope: 'col' },
      new Date(2024, 0, i).toLocaleDateString(undefined, { weekday: 'short' }))));
    const rows = [];
    let row = el('tr', {});
    const lead = (first.getDay() + 6) % 7;
    for (let i = 0; i < lead; i++) row.append(el('td', {}));
    for (const d of data.days) {
      const n = Number(d.date.slice(8));
      row.append(el('td', {}, d.visits
        ? el('a', { href: '#/day/' + d.date, 'aria-label': longDay(localDay(d.date)) + ': ' + d.visits + ' visits' },
          el('span', { class: 'cal-day' }, String(n)), el('span', { class: 'cal-count' }, String(d.visits)))
        : el('span', { class: 'cal-day empty' }, String(n))));
      if (row.children.length === 7) { rows.push(row); row = el('tr', {}); }
    }
    if (row.children.length) rows.push(row);
    const ago = data.onThisDay;
    show(title, historyNav('calendar'),
      el('p', { class: 'pager' }, data.previous ? el('a', { href: '#/calendar/' + data.previous, id: 'cal-previous' }, '‹ Previous month') : null, ' ',
        data.next ? el('a', { href: '#/calendar/' + data.next, id: 'cal-next' }, 'Next month ›') : null),
      el('p', { id: 'on-this-day' }, 'On this day a year ago: ',
        el('a', { href: '#/day/' + ago.date }, longDay(localDay(ago.date))), ' · ' + ago.visits + ' visits'),
      el('table', { class: 'calendar', id: 'calendar' }, el('caption', {}, data.total + ' visits in ' + title), el('thead', {}, head), el('tbody', {}, rows)));
  }

  // ------------------------------------------------------------------ sites

  async function viewSites(token, parts) {
    if (parts[0]) return viewSite(token, parts[0]);
    const list = pagedList(token, 'sites', '/api/v1/history/sites', (s) => el('li', {},
      el('a', { class: 'item-title', href: '#/sites/' + encodeURIComponent(s.host) }, s.host),
      el('span', { class: 'muted' }, s.visits + ' visits · ' + s.pages + ' pages · last ', time(s.lastVisitAt))), 'No sites yet.');
    show('Sites', historyNav('sites'), list.nodes);
    await list.load();
  }

  async function viewSite(token, host) {
    const list = pagedList(token, 'site-pages', '/api/v1/history/sites/' + encodeURIComponent(host), (p) => el('li', {},
      target(p.title, p.url, p.linkable), el('span', { class: 'muted' }, p.visitCount + ' visits · last ', time(p.lastVisitAt))),
    'No pages of this site.');
    const purge = el('button', { type: 'button', class: 'danger', id: 'purge-site' }, 'Delete this site from fxhome');
    const result = el('p', { role: 'status' });
    purge.addEventListener('click', async () => {
      if (!window.confirm('Delete every visit of ' + host + ' from fxhome? This deletes fxhome\'s copy only: Firefox keeps its own history.')) return;
      try {
        const r = await api('/api/v1/history/purge', { method: 'POST', body: { host } });
        result.textContent = 'Deleted ' + r.visitsDeleted + ' visits and ' + r.pagesDeleted + ' pages. ' + r.note;
      } catch (error) {
        result.replaceChildren(errorBox(error));
      }
    });
    show(host, historyNav('sites'), el('p', {}, el('a', { href: '#/sites' }, 'All sites')), list.nodes,
      el('section', { class: 'card', 'aria-label': 'Delete' }, el('p', { class: 'muted' }, 'Deletes fxhome\'s copy only; Firefox and your other devices keep theirs.'), purge, result));
    await list.load();
  }

  // ------------------------------------------------------------------ search in a date range

  async function viewSearch(token, parts, params) {
    const q = params.get('q') || '';
    const from = params.get('from') || '';
    const to = params.get('to') || '';
    const field = (id, label, type, value) => [el('label', { for: id }, label), el('input', { id, name: id, type, value })];
    const form = el('form', { class: 'card', id: 'history-search', role: 'search' },
      field('hs-q', 'Words', 'search', q), field('hs-from', 'From', 'date', from), field('hs-to', 'To (included)', 'date', to),
      el('button', { type: 'submit' }, 'Search'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const p = new URLSearchParams();
      for (const [key, id] of [['q', 'hs-q'], ['from', 'hs-from'], ['to', 'hs-to']]) {
        const value = form.querySelector('#' + id).value;
        if (value) p.set(key, value);
      }
      location.hash = '#/history-search?' + p.toString();
    });
    if (!q && !from && !to) {
      show('Search history by date', historyNav('search'), form);
      return;
    }
    const url = '/api/v1/history/visits/search?q=' + encodeURIComponent(q)
      + (from ? '&from=' + encodeURIComponent(localDay(from).toISOString()) : '')
      + (to ? '&to=' + encodeURIComponent(nextDay(localDay(to)).toISOString()) : '');
    const list = pagedList(token, 'history-search-results', url, (v) => visitItem(v, true), 'No visits match.');
    show('Search history by date', historyNav('search'), form, list.nodes);
    await list.load();
  }

  // ------------------------------------------------------------------ purge and export

  async function viewPurge() {
    const result = el('p', { role: 'status', id: 'purge-result' });
    const rangeForm = el('form', { class: 'card', id: 'purge-range' }, el('h2', {}, 'A time range'),
      el('label', { for: 'pr-from' }, 'From'), el('input', { id: 'pr-from', type: 'date', required: true }),
      el('label', { for: 'pr-to' }, 'To (included)'), el('input', { id: 'pr-to', type: 'date', required: true }),
      el('button', { type: 'submit', class: 'danger' }, 'Delete these visits from fxhome'));
    const siteForm = el('form', { class: 'card', id: 'purge-site-form' }, el('h2', {}, 'A site'),
      el('label', { for: 'pr-host' }, 'Site (for example example.com)'), el('input', { id: 'pr-host', type: 'text', required: true, autocapitalize: 'off' }),
      el('button', { type: 'submit', class: 'danger' }, 'Delete this site from fxhome'));
    async function run(body, what) {
      if (!window.confirm('Delete ' + what + ' from fxhome? This deletes fxhome\'s copy only: Firefox keeps its own history.')) return;
      try {
        const r = await api('/api/v1/history/purge', { method: 'POST', body });
        result.textContent = 'Deleted ' + r.visitsDeleted + ' visits and ' + r.pagesDeleted + ' pages. ' + r.note;
      } catch (error) {
        result.replaceChildren(errorBox(error));
      }
    }
    rangeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const from = localDay(rangeForm.querySelector('#pr-from').value);
      const to = nextDay(localDay(rangeForm.querySelector('#pr-to').value));
      run({ from: from.toISOString(), to: to.toISOString() }, 'the visits from ' + from.toLocaleDateString() + ' to ' + localDay(rangeForm.querySelector('#pr-to').value).toLocaleDateString());
    });
    siteForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const host = siteForm.querySelector('#pr-host').value.trim();
      run({ host }, 'every visit of ' + host);
    });
    show('Delete and export history', historyNav('purge'),
      el('p', { class: 'warning', id: 'purge-scope' }, 'Deleting here removes fxhome\'s copy only. Firefox, your other devices and Mozilla\'s Sync servers keep their own history; a page you visit again brings back the visits its Sync record still lists (its latest 20).'),
      rangeForm, siteForm, result,
      el('section', { class: 'card', 'aria-labelledby': 'export-h' }, el('h2', { id: 'export-h' }, 'Export every visit'),
        el('p', {}, el('a', { href: '/api/v1/export/history.csv', download: 'fxhome-history.csv', id: 'export-csv' }, 'CSV'), ' · ',
          el('a', { href: '/api/v1/export/history.json', download: 'fxhome-history.json', id: 'export-json' }, 'JSON'))));
  }

  // ------------------------------------------------------------------ one page's story

  async function viewStory(token, parts, params) {
    const url = params.get('url') || '';
    const s = await api('/api/v1/history/story?url=' + encodeURIComponent(url) + '&limit=20');
    if (!current(token)) return;
    const section = (id, title, ...content) => el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id }, title), ...content);
    const open = s.openOn.length ? el('ul', { class: 'plain', id: 'story-open' }, s.openOn.map((t) =>
      el('li', {}, t.device || 'Unnamed device', t.lastUsed ? el('span', { class: 'muted' }, ' · used ', time(t.lastUsed)) : null)))
      : el('p', { class: 'muted' }, 'No device has it open.');
    const folders = s.bookmarks.length ? el('ul', { class: 'plain', id: 'story-bookmarks' }, s.bookmarks.map((b) => el('li', {},
      el('span', { class: 'item-title' }, b.title || '(untitled)'),
      el('span', { class: 'muted' }, 'in '), b.path.length ? b.path.map((c, i) => [i ? ' › ' : '',
        el('a', { href: '#/bookmarks/' + encodeURIComponent(c.guid) }, c.title || '(untitled folder)')]) : el('span', { class: 'muted' }, '(a folder fxhome does not have)'),
      b.keyword ? el('span', { class: 'badge story-keyword' }, 'Keyword: ' + b.keyword) : null,
      (b.tags || []).map((t) => el('span', { class: 'badge story-tag' }, t)))))
      : el('p', { class: 'muted' }, 'Not bookmarked.');
    const max = Math.max(1, ...s.visitsByMonth.map((m) => m.visits));
    const months = s.visitsByMonth.length ? el('table', { class: 'months', id: 'story-months' },
      el('caption', {}, 'Visits per month'), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Month'), el('th', { scope: 'col' }, 'Visits'))),
      el('tbody', {}, s.visitsByMonth.map((m) => el('tr', {}, el('th', { scope: 'row' }, m.month),
        el('td', {}, el('span', { class: 'bar', 'data-width': String(Math.round(100 * m.visits / max)) }), ' ' + m.visits))))) : null;
    const visits = el('ul', { class: 'list', id: 'story-visits' }, s.visits.items.map((v) => el('li', {},
      new Date(v.visitedAt).toLocaleString(), el('span', { class: 'muted' }, ' · ' + v.transition))));
    show(s.title && s.title.trim() ? s.title : '(untitled page)', el('p', { class: 'story-url' }, target(null, s.url, s.linkable)),
      section('story-open-h', 'Open now', open), section('story-bm-h', 'Bookmarks', folders),
      section('story-visits-h', 'Visits',
        el('p', { id: 'story-summary' }, s.visitCount + ' visits' + (s.firstVisitAt ? ' · first ' + new Date(s.firstVisitAt).toLocaleDateString() : ''),
          s.lastVisitAt ? [' · last ', time(s.lastVisitAt)] : null, ' · frecency ' + s.frecency,
          s.host ? [' · ', el('a', { href: '#/sites/' + encodeURIComponent(s.host) }, s.host)] : null),
        months, visits));
    // Bar widths through the DOM (the CSP allows no inline style attributes from markup).
    for (const bar of main().querySelectorAll('.bar')) bar.style.width = bar.dataset.width + '%';
  }
  const main = () => document.getElementById('main');

  register('day', viewDay, 'history');
  register('calendar', viewCalendar, 'history');
  register('sites', viewSites, 'history');
  register('history-search', viewSearch, 'history');
  register('purge', viewPurge, 'history');
  register('page', viewStory, null);
});
