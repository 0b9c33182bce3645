// fxhome HTML5 app: the bookmark health report (#/bookmark-health) and its lists, "Lost and found" among them
// (#/bookmark-health/<list>). Registered with app.js through window.fxhomeViews; synced strings as text only.
'use strict';
(window.fxhomeViews = window.fxhomeViews || []).push((app, register) => {
  const { el, target, show, api, announce, errorBox, isCurrent } = app;
  const { t, parts: tparts, has } = window.fxhomeI18n;

  /** A list's name in the app's language (the API names it in English). */
  function listTitle(list, title) {
    const key = 'health_list_' + String(list).replace(/-/g, '_');
    return has(key) ? t(key) : title;
  }

  /** Why an item is lost, in the app's language (the API's detail is English). */
  function reason(e) {
    const key = 'lost_reason_' + String(e.reason || '').replace(/-/g, '_');
    return e.reason && has(key) ? t(key, { parent: e.parentGuid || '' }) : e.detail;
  }

  function folderLink(crumb) {
    return el('a', { href: '#/bookmarks/' + encodeURIComponent(crumb.guid) }, crumb.title || t('untitled_folder'));
  }

  function entry(e) {
    const head = e.guid
      ? (e.kind === 'folder' ? el('a', { class: 'item-title folder', href: '#/bookmarks/' + encodeURIComponent(e.guid) }, e.title || t('untitled_folder'))
        : target(e.title, e.url, e.linkable))
      : target(e.url, e.url, e.linkable);
    const join = (items, render) => items.flatMap((x, i) => (i ? [', ', render(x)] : [render(x)]));
    return el('li', {}, head,
      e.keyword ? el('span', { class: 'muted' }, t('keyword_label') + ': ' + e.keyword) : null,
      e.tags ? el('span', { class: 'muted' }, t('tags_label') + ': ' + e.tags.join(', ')) : null,
      e.detail ? el('span', { class: 'reason' }, reason(e)) : null,
      e.placedIn ? el('span', { class: 'muted' }, t('firefox_would_place') + ' ', folderLink(e.placedIn)) : null,
      e.folders ? el('span', { class: 'muted' }, t('listed_by') + ': ', join(e.folders, folderLink)) : null,
      e.missingGuids ? el('span', { class: 'muted' }, t('lists_missing') + ': ' + e.missingGuids.join(', ')) : null,
      e.bookmarks ? el('span', { class: 'muted' }, t('n_bookmarks', { count: e.bookmarks.length }) + ': ' + e.bookmarks.map((b) => b.title || t('untitled')).join(', ')) : null);
  }

  async function viewHealth(token, parts) {
    const list = parts[0];
    if (!list) {
      const summary = await api('/api/v1/bookmark-health');
      if (!isCurrent(token)) return;
      show(t('health_title'),
        el('p', { class: 'muted' }, t('health_checked', { count: summary.bookmarks })),
        el('ul', { class: 'list', id: 'health-lists' }, summary.lists.map((l) => el('li', {},
          el('a', { class: 'item-title', href: '#/bookmark-health/' + l.list }, listTitle(l.list, l.title)), el('span', { class: 'muted' }, window.fxhomeI18n.number(l.count))))));
      return;
    }
    const items = el('ul', { class: 'list', id: 'health-items' });
    const more = el('button', { type: 'button', class: 'secondary', id: 'health-more' }, t('more'));
    const footer = el('div', { class: 'more' }, more);
    let cursor = null;
    let first = null;
    async function load() {
      more.disabled = true;
      try {
        const page = await api('/api/v1/bookmark-health/' + encodeURIComponent(list) + (cursor ? '?cursor=' + encodeURIComponent(cursor) : ''));
        if (!isCurrent(token)) return;
        first = first || page;
        items.append(...page.items.map(entry));
        cursor = page.next;
        if (!cursor) footer.replaceChildren();
      } catch (error) {
        footer.prepend(errorBox(error));
      } finally {
        more.disabled = false;
      }
    }
    more.addEventListener('click', load);
    await load();
    if (!isCurrent(token) || !first) return;
    const crumbs = el('nav', { class: 'crumbs', 'aria-label': t('app_breadcrumb') }, el('ol', {},
      el('li', {}, el('a', { href: '#/bookmarks' }, t('nav_bookmarks'))), el('li', {}, el('a', { href: '#/bookmark-health' }, t('health_report'))),
      el('li', {}, el('span', { 'aria-current': 'page' }, listTitle(list, first.title)))));
    show(listTitle(list, first.title), crumbs,
      list === 'lost-and-found' ? el('p', { class: 'muted' }, t('lost_found_intro')) : null,
      first.total ? items : el('p', { class: 'muted', id: 'health-empty' }, t('nothing_here')), footer);
    announce(t('n_items', { count: first.total }));
  }

  register('bookmark-health', viewHealth, 'bookmarks');
});
