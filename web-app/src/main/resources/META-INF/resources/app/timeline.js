// fxhome HTML5 app: a device's tab timeline (#/timeline/<clientId>[?at=<ISO>]). Registered with app.js through
// window.fxhomeViews; every synced string goes through the app's el()/target(), never markup.
'use strict';
(window.fxhomeViews = window.fxhomeViews || []).push((app, register) => {
  const { el, target, show, api, announce, errorBox, isCurrent } = app;
  const { t, parts: tparts, locale } = window.fxhomeI18n;

  /** A datetime-local value (the browser's time zone) for an instant. */
  function localInput(date) {
    const pad = (n) => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  function when(iso) {
    return new Date(iso).toLocaleString(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  async function viewTimeline(token, parts, params) {
    const clientId = parts[0];
    if (!clientId) return show(t('tab_timeline'), el('p', {}, tparts('app_choose_device', { link: el('a', { href: '#/devices' }, t('app_devices_page')) })));
    const base = '/api/v1/devices/' + encodeURIComponent(clientId) + '/timeline';
    const at = params.get('at');
    const picker = el('input', { type: 'datetime-local', id: 'timeline-at', value: localInput(at ? new Date(at) : new Date()) });
    const form = el('form', { class: 'timeline-form', 'aria-label': t('app_open_at_moment') },
      el('label', { for: 'timeline-at' }, t('app_what_was_open')), ' ', picker, ' ',
      el('button', { type: 'submit', id: 'timeline-show' }, t('app_show')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = picker.value ? new Date(picker.value) : new Date();
      location.hash = '#/timeline/' + encodeURIComponent(clientId) + '?at=' + encodeURIComponent(chosen.toISOString());
    });
    const snapshotBox = el('section', { id: 'timeline-snapshot', 'aria-labelledby': 'snapshot-h' });
    const changes = el('ol', { class: 'list', id: 'timeline-changes' });
    const more = el('button', { type: 'button', class: 'secondary', id: 'timeline-more' }, t('app_older_changes'));
    const footer = el('div', { class: 'more' }, more);
    let cursor = null;
    let deviceName = null;
    async function load() {
      more.disabled = true;
      try {
        const page = await api(base + (cursor ? '?cursor=' + encodeURIComponent(cursor) : ''));
        if (!isCurrent(token)) return;
        for (const item of page.items) {
          deviceName = deviceName || item.deviceName;
          changes.append(el('li', {}, el('a', { href: '#/timeline/' + encodeURIComponent(clientId) + '?at=' + encodeURIComponent(item.takenAt) },
            el('time', { datetime: item.takenAt }, when(item.takenAt))),
            el('span', { class: 'muted' }, ' · ' + (item.tabCount === 1 ? t('app_one_tab') : t('n_tabs', { count: item.tabCount })))));
        }
        if (!page.items.length && !cursor) changes.append(el('li', { class: 'muted', id: 'timeline-none' }, t('no_tab_changes')));
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
    if (!isCurrent(token)) return;
    show(t('tab_timeline') + (deviceName ? ' · ' + deviceName : ''), form, snapshotBox,
      el('h2', { id: 'changes-h' }, t('app_changes_newest')), changes, footer);
    try {
      const snapshot = await api(base + '/at' + (at ? '?time=' + encodeURIComponent(at) : ''));
      if (!isCurrent(token)) return;
      const query = '?device=' + encodeURIComponent(clientId) + '&at=' + encodeURIComponent(snapshot.takenAt);
      snapshotBox.replaceChildren(el('h2', { id: 'snapshot-h' }, at ? t('app_open_at', { when: when(at) }) : t('open_now')),
        el('p', { class: 'muted' }, snapshot.until
          ? tparts('app_from_until', { from: el('time', { datetime: snapshot.takenAt }, when(snapshot.takenAt)),
            until: el('time', { datetime: snapshot.until }, when(snapshot.until)) })
          : tparts('app_from_until_now', { from: el('time', { datetime: snapshot.takenAt }, when(snapshot.takenAt)) }),
          ' · ' + t('n_tabs', { count: snapshot.tabs.length })),
        snapshot.tabs.length ? el('ol', { class: 'list', id: 'snapshot-tabs', 'aria-label': t('reopen_every_link') },
          snapshot.tabs.map((tab) => el('li', {}, tab.pinned ? el('span', { class: 'badge' }, t('app_pinned')) : null, target(tab.title, tab.url, tab.linkable))))
          : el('p', { class: 'muted' }, t('no_tabs_were_open')),
        el('p', {}, t('app_reopen_all') + ': ', el('a', { href: '/api/v1/export/tabs.txt' + query, download: 'fxhome-tabs.txt', id: 'snapshot-links' }, t('app_list_of_links')),
          ' · ', el('a', { href: '/api/v1/export/tabs.json' + query, download: 'fxhome-tabs.json' }, 'JSON')));
      announce(t('n_tabs', { count: snapshot.tabs.length }));
    } catch (error) {
      if (!isCurrent(token)) return;
      snapshotBox.replaceChildren(el('h2', { id: 'snapshot-h' }, t('app_open_then')), error.status === 404
        ? el('p', { class: 'muted', id: 'snapshot-none' }, t('app_timeline_later')) : errorBox(error));
    }
  }

  register('timeline', viewTimeline, 'devices');
});
