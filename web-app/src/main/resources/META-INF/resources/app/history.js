// fxhome HTML5 app: the whole history (a day's visits, the calendar, sites, a search in a date range, purging
// fxhome's copy) and one page's story. Registered with app.js's router through window.fxhomeViews; every synced string
// goes in as text through the app's el(), and only http(s)/ftp URLs become links (the app's target()).
'use strict';
(window.fxhomeViews = window.fxhomeViews || []).push((app, register) => {
  const { el, target, show, announce, time, api, errorBox } = app;
  const { t, parts: tparts, locale } = window.fxhomeI18n;
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
  const clock = (iso) => new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const longDay = (d) => d.toLocaleDateString(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

  /** The sub-sections of History, with the current one marked. */
  function historyNav(active) {
    const links = [['pages', '#/history', t('hnav_pages')], ['day', '#/day', t('hnav_day')], ['calendar', '#/calendar', t('hnav_calendar')],
      ['sites', '#/sites', t('hnav_sites')], ['search', '#/history-search', t('hnav_search')], ['purge', '#/purge', t('app_hnav_purge')]];
    return el('nav', { class: 'subnav', 'aria-label': t('app_history_views') }, links.map(([key, href, text]) =>
      el('a', { href, 'aria-current': key === active ? 'page' : null }, text)));
  }
  window.fxhomeHistoryNav = historyNav;

  /** A list paged by cursor: "Load more" (a real button, for keyboards) fetches the next page into the same list. */
  function pagedList(token, id, url, renderItem, emptyText) {
    const list = el('ul', { class: 'list', id });
    const more = el('button', { type: 'button', class: 'secondary', id: id + '-more' }, t('app_load_more'));
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
        announce(t('app_n_shown', { count }));
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
      el('span', { class: 'muted' }, (withDay ? new Date(v.visitedAt).toLocaleDateString(locale) + ' ' : '') + clock(v.visitedAt) + ' · ' + v.transition));
  }

  // ------------------------------------------------------------------ a day

  async function viewDay(token, parts) {
    const day = localDay(parts[0]);
    const before = new Date(day.getFullYear(), day.getMonth(), day.getDate() - 1);
    const url = '/api/v1/history/visits?order=oldest&from=' + encodeURIComponent(day.toISOString())
      + '&to=' + encodeURIComponent(nextDay(day).toISOString());
    const list = pagedList(token, 'day-visits', url, (v) => visitItem(v, false), t('no_visits_day'));
    show(longDay(day), historyNav('day'),
      el('p', { class: 'pager' }, el('a', { href: '#/day/' + isoDay(before), id: 'day-previous' }, '‹ ' + t('previous_day')), ' ',
        el('a', { href: '#/day/' + isoDay(nextDay(day)), id: 'day-next' }, t('next_day') + ' ›'), ' ',
        el('a', { href: '#/calendar/' + isoDay(day).slice(0, 7) }, t('hnav_calendar'))),
      el('p', { class: 'muted' }, t('app_day_intro')),
      list.nodes);
    await list.load();
  }

  // ------------------------------------------------------------------ the calendar

  async function viewCalendar(token, parts) {
    const month = /^\d{4}-\d{2}$/.test(parts[0] || '') ? parts[0] : isoDay(new Date()).slice(0, 7);
    const data = await api('/api/v1/history/calendar?month=' + month + '&tz=' + encodeURIComponent(zone));
    if (!current(token)) return;
    const first = new Date(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 1);
    const title = first.toLocaleDateString(locale, { month: 'long', year: 'numeric' });
    const head = el('tr', {}, [1, 2, 3, 4, 5, 6, 7].map((i) => el('th', { scope: 'col' },
      new Date(2024, 0, i).toLocaleDateString(locale, { weekday: 'short' }))));
    const rows = [];
    let row = el('tr', {});
    const lead = (first.getDay() + 6) % 7;
    for (let i = 0; i < lead; i++) row.append(el('td', {}));
    for (const d of data.days) {
      const n = Number(d.date.slice(8));
      row.append(el('td', {}, d.visits
        ? el('a', { href: '#/day/' + d.date, 'aria-label': longDay(localDay(d.date)) + ': ' + t('n_visits', { count: d.visits }) },
          el('span', { class: 'cal-day' }, String(n)), el('span', { class: 'cal-count' }, window.fxhomeI18n.number(d.visits)))
        : el('span', { class: 'cal-day empty' }, String(n))));
      if (row.children.length === 7) { rows.push(row); row = el('tr', {}); }
    }
    if (row.children.length) rows.push(row);
    const ago = data.onThisDay;
    show(title, historyNav('calendar'),
      el('p', { class: 'pager' }, data.previous ? el('a', { href: '#/calendar/' + data.previous, id: 'cal-previous' }, '‹ ' + t('previous_month')) : null, ' ',
        data.next ? el('a', { href: '#/calendar/' + data.next, id: 'cal-next' }, t('next_month') + ' ›') : null),
      el('p', { id: 'on-this-day' }, t('on_this_day') + ': ',
        el('a', { href: '#/day/' + ago.date }, longDay(localDay(ago.date))), ' · ' + t('n_visits', { count: ago.visits })),
      el('table', { class: 'calendar', id: 'calendar' }, el('caption', {}, t('app_visits_in', { count: data.total, month: title })), el('thead', {}, head), el('tbody', {}, rows)));
  }

  // ------------------------------------------------------------------ sites

  async function viewSites(token, parts) {
    if (parts[0]) return viewSite(token, parts[0]);
    const list = pagedList(token, 'sites', '/api/v1/history/sites', (s) => el('li', {},
      el('a', { class: 'item-title', href: '#/sites/' + encodeURIComponent(s.host) }, s.host),
      el('span', { class: 'muted' }, tparts('app_site_counts', { visits: s.visits, pages: s.pages, when: time(s.lastVisitAt) }))), t('no_sites'));
    show(t('hnav_sites'), historyNav('sites'), list.nodes);
    await list.load();
  }

  async function viewSite(token, host) {
    const list = pagedList(token, 'site-pages', '/api/v1/history/sites/' + encodeURIComponent(host), (p) => el('li', {},
      target(p.title, p.url, p.linkable), el('span', { class: 'muted' }, tparts('app_page_counts', { visits: p.visitCount, when: time(p.lastVisitAt) }))),
    t('no_site_pages'));
    const purge = el('button', { type: 'button', class: 'danger', id: 'purge-site' }, t('purge_site_button'));
    const result = el('p', { role: 'status' });
    purge.addEventListener('click', async () => {
      if (!window.confirm(t('app_purge_site_confirm', { host }))) return;
      try {
        const r = await api('/api/v1/history/purge', { method: 'POST', body: { host } });
        result.textContent = t('purge_done', { visits: r.visitsDeleted, pages: r.pagesDeleted }) + ' ' + t('purge_copy_only_short');
      } catch (error) {
        result.replaceChildren(errorBox(error));
      }
    });
    show(host, historyNav('sites'), el('p', {}, el('a', { href: '#/sites' }, t('all_sites'))), list.nodes,
      el('section', { class: 'card', 'aria-label': t('delete') }, el('p', { class: 'muted' }, t('app_purge_copy_only')), purge, result));
    await list.load();
  }

  // ------------------------------------------------------------------ search in a date range

  async function viewSearch(token, parts, params) {
    const q = params.get('q') || '';
    const from = params.get('from') || '';
    const to = params.get('to') || '';
    const field = (id, label, type, value) => [el('label', { for: id }, label), el('input', { id, name: id, type, value })];
    const form = el('form', { class: 'card', id: 'history-search', role: 'search' },
      field('hs-q', t('hsearch_words'), 'search', q), field('hs-from', t('app_from'), 'date', from), field('hs-to', t('app_to_included'), 'date', to),
      el('button', { type: 'submit' }, t('search_button')));
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
      show(t('hsearch_title'), historyNav('search'), form);
      return;
    }
    const url = '/api/v1/history/visits/search?q=' + encodeURIComponent(q)
      + (from ? '&from=' + encodeURIComponent(localDay(from).toISOString()) : '')
      + (to ? '&to=' + encodeURIComponent(nextDay(localDay(to)).toISOString()) : '');
    const list = pagedList(token, 'history-search-results', url, (v) => visitItem(v, true), t('no_visits_match'));
    show(t('hsearch_title'), historyNav('search'), form, list.nodes);
    await list.load();
  }

  // ------------------------------------------------------------------ purge and export

  async function viewPurge() {
    const result = el('p', { role: 'status', id: 'purge-result' });
    const rangeForm = el('form', { class: 'card', id: 'purge-range' }, el('h2', {}, t('purge_range')),
      el('label', { for: 'pr-from' }, t('app_from')), el('input', { id: 'pr-from', type: 'date', required: true }),
      el('label', { for: 'pr-to' }, t('app_to_included')), el('input', { id: 'pr-to', type: 'date', required: true }),
      el('button', { type: 'submit', class: 'danger' }, t('purge_range_button')));
    const siteForm = el('form', { class: 'card', id: 'purge-site-form' }, el('h2', {}, t('purge_site')),
      el('label', { for: 'pr-host' }, t('app_site_example')), el('input', { id: 'pr-host', type: 'text', required: true, autocapitalize: 'off' }),
      el('button', { type: 'submit', class: 'danger' }, t('purge_site_button')));
    async function run(body, what) {
      if (!window.confirm(what)) return;
      try {
        const r = await api('/api/v1/history/purge', { method: 'POST', body });
        result.textContent = t('purge_done', { visits: r.visitsDeleted, pages: r.pagesDeleted }) + ' ' + t('purge_copy_only_short');
      } catch (error) {
        result.replaceChildren(errorBox(error));
      }
    }
    rangeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const from = localDay(rangeForm.querySelector('#pr-from').value);
      const to = nextDay(localDay(rangeForm.querySelector('#pr-to').value));
      run({ from: from.toISOString(), to: to.toISOString() }, t('app_purge_range_confirm', { from: from.toLocaleDateString(locale),
        to: localDay(rangeForm.querySelector('#pr-to').value).toLocaleDateString(locale) }));
    });
    siteForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const host = siteForm.querySelector('#pr-host').value.trim();
      run({ host }, t('app_purge_site_confirm', { host }));
    });
    show(t('app_purge_title'), historyNav('purge'),
      el('p', { class: 'warning', id: 'purge-scope' }, t('app_purge_scope')),
      rangeForm, siteForm, result,
      el('section', { class: 'card', 'aria-labelledby': 'export-h' }, el('h2', { id: 'export-h' }, t('app_export_visits')),
        el('p', {}, el('a', { href: '/api/v1/export/history.csv', download: 'fxhome-history.csv', id: 'export-csv' }, 'CSV'), ' · ',
          el('a', { href: '/api/v1/export/history.json', download: 'fxhome-history.json', id: 'export-json' }, 'JSON'))));
  }

  // ------------------------------------------------------------------ one page's story

  async function viewStory(token, parts, params) {
    const url = params.get('url') || '';
    const s = await api('/api/v1/history/story?url=' + encodeURIComponent(url) + '&limit=20');
    if (!current(token)) return;
    const section = (id, title, ...content) => el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id }, title), ...content);
    const open = s.openOn.length ? el('ul', { class: 'plain', id: 'story-open' }, s.openOn.map((tab) =>
      el('li', {}, tab.device || t('unnamed_device'), tab.lastUsed ? el('span', { class: 'muted' }, ' · ', tparts('used', { when: time(tab.lastUsed) })) : null)))
      : el('p', { class: 'muted' }, t('no_device_open'));
    const folders = s.bookmarks.length ? el('ul', { class: 'plain', id: 'story-bookmarks' }, s.bookmarks.map((b) => el('li', {},
      el('span', { class: 'item-title' }, b.title || t('untitled')),
      el('span', { class: 'muted' }, t('word_in') + ' '), b.path.length ? b.path.map((c, i) => [i ? ' › ' : '',
        el('a', { href: '#/bookmarks/' + encodeURIComponent(c.guid) }, c.title || t('untitled_folder'))]) : el('span', { class: 'muted' }, t('folder_not_had')),
      b.keyword ? el('span', { class: 'badge story-keyword' }, t('keyword_label') + ': ' + b.keyword) : null,
      (b.tags || []).map((tag) => el('span', { class: 'badge story-tag' }, tag)))))
      : el('p', { class: 'muted' }, t('not_bookmarked'));
    const max = Math.max(1, ...s.visitsByMonth.map((m) => m.visits));
    const months = s.visitsByMonth.length ? el('table', { class: 'months', id: 'story-months' },
      el('caption', {}, t('visits_per_month')), el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('month_label')), el('th', { scope: 'col' }, t('visits_heading')))),
      el('tbody', {}, s.visitsByMonth.map((m) => el('tr', {}, el('th', { scope: 'row' }, m.month),
        el('td', {}, el('span', { class: 'bar', 'data-width': String(Math.round(100 * m.visits / max)) }), ' ' + window.fxhomeI18n.number(m.visits)))))) : null;
    const visits = el('ul', { class: 'list', id: 'story-visits' }, s.visits.items.map((v) => el('li', {},
      new Date(v.visitedAt).toLocaleString(locale), el('span', { class: 'muted' }, ' · ' + v.transition))));
    show(s.title && s.title.trim() ? s.title : t('untitled_page'), el('p', { class: 'story-url' }, target(null, s.url, s.linkable)),
      section('story-open-h', t('open_now'), open), section('story-bm-h', t('nav_bookmarks'), folders),
      section('story-visits-h', t('visits_heading'),
        el('p', { id: 'story-summary' }, t('n_visits', { count: s.visitCount }) + (s.firstVisitAt ? ' · ' + t('app_first', { day: new Date(s.firstVisitAt).toLocaleDateString(locale) }) : ''),
          s.lastVisitAt ? [' · ', tparts('app_last', { when: time(s.lastVisitAt) })] : null, ' · ' + t('app_frecency', { value: s.frecency }),
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
