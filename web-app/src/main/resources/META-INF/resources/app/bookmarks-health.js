// fxhome HTML5 app: the bookmark health report (#/bookmark-health) and its lists, "Lost and found" among them
// (#/bookmark-health/<list>). Registered with app.js through window.fxhomeViews; synced strings as text only.
'use strict';
(window.fxhomeViews = window.fxhomeViews || []).push((app, register) => {
  const { el, target, show, api, announce, errorBox, isCurrent } = app;

  function folderLink(crumb) {
    return el('a', { href: '#/bookmarks/' + encodeURIComponent(crumb.guid) }, crumb.title || '(untitled folder)');
  }

  function entry(e) {
    const head = e.guid
      ? (e.kind === 'folder' ? el('a', { class: 'item-title folder', href: '#/bookmarks/' + encodeURIComponent(e.guid) }, e.title || '(untitled folder)')
        : target(e.title, e.url, e.linkable))
      : target(e.url, e.url, e.linkable);
    const join = (items, render) => items.flatMap((x, i) => (i ? [', ', render(x)] : [render(x)]));
    return el('li', {}, head,
      e.keyword ? el('span', { class: 'muted' }, 'Keyword: ' + e.keyword) : null,
      e.tags ? el('span', { class: 'muted' }, 'Tags: ' + e.tags.join(', ')) : null,
      e.detail ? el('span', { class: 'reason' }, e.detail) : null,
      e.placedIn ? el('span', { class: 'muted' }, 'Firefox would place it in ', folderLink(e.placedIn)) : null,
      e.folders ? el('span', { class: 'muted' }, 'Listed by ', join(e.folders, folderLink)) : null,
      e.missingGuids ? el('span', { class: 'muted' }, 'Lists missing: ' + e.missingGuids.join(', ')) : null,
      e.bookmarks ? el('span', { class: 'muted' }, e.bookmarks.length + ' bookmarks: ' + e.bookmarks.map((b) => b.title || '(untitled)').join(', ')) : null);
  }

  async function viewHealth(token, parts) {
    const list = parts[0];
    if (!list) {
      const summary = await api('/api/v1/bookmark-health');
      if (!isCurrent(token)) return;
      show('Bookmark health',
        el('p', { class: 'muted' }, summary.bookmarks + ' items checked as Firefox\'s own repair would see them.'),
        el('ul', { class: 'list', id: 'health-lists' }, summary.lists.map((l) => el('li', {},
          el('a', { class: 'item-title', href: '#/bookmark-health/' + l.list }, l.title), el('span', { class: 'muted' }, String(l.count))))));
      return;
    }
    const items = el('ul', { class: 'list', id: 'health-items' });
    const more = el('button', { type: 'button', class: 'secondary', id: 'health-more' }, 'More');
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
    const crumbs = el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, el('ol', {},
      el('li', {}, el('a', { href: '#/bookmarks' }, 'Bookmarks')), el('li', {}, el('a', { href: '#/bookmark-health' }, 'Health report')),
      el('li', {}, el('span', { 'aria-current': 'page' }, first.title))));
    show(first.title, crumbs,
      list === 'lost-and-found' ? el('p', { class: 'muted' }, 'Items whose folder is missing or that no folder lists. fxhome shows them here; Firefox\'s own repair would place each one in the folder named.') : null,
      first.total ? items : el('p', { class: 'muted', id: 'health-empty' }, 'Nothing here.'), footer);
    announce(first.total + ' items');
  }

  register('bookmark-health', viewHealth, 'bookmarks');
});
