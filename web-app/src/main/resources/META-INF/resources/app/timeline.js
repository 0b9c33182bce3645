// fxhome HTML5 app: a device's tab timeline (#/timeline/<clientId>[?at=<ISO>]). Registered with app.js through
// window.fxhomeViews; every synced string goes through the app's el()/target(), never markup.
'use strict';
(window.fxhomeViews = window.fxhomeViews || []).push((app, register) => {
  const { el, target, show, api, announce, errorBox, isCurrent } = app;

  /** A datetime-local value (the browser's time zone) for an instant. */
  function localInput(date) {
    const pad = (n) => String(n).padStart(2, '0');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  async function viewTimeline(token, parts, params) {
    const clientId = parts[0];
    if (!clientId) return show('Tab timeline', el('p', {}, 'Choose a device on the ', el('a', { href: '#/devices' }, 'devices page'), '.'));
    const base = '/api/v1/devices/' + encodeURIComponent(clientId) + '/timeline';
    const at = params.get('at');
    const picker = el('input', { type: 'datetime-local', id: 'timeline-at', value: localInput(at ? new Date(at) : new Date()) });
    const form = el('form', { class: 'timeline-form', 'aria-label': 'What was open at a moment' },
      el('label', { for: 'timeline-at' }, 'What was open at'), ' ', picker, ' ',
      el('button', { type: 'submit', id: 'timeline-show' }, 'Show'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = picker.value ? new Date(picker.value) : new Date();
      location.hash = '#/timeline/' + encodeURIComponent(clientId) + '?at=' + encodeURIComponent(chosen.toISOString());
    });
    const snapshotBox = el('section', { id: 'timeline-snapshot', 'aria-labelledby': 'snapshot-h' });
    const changes = el('ol', { class: 'list', id: 'timeline-changes' });
    const more = el('button', { type: 'button', class: 'secondary', id: 'timeline-more' }, 'Older changes');
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
            el('span', { class: 'muted' }, ' · ' + item.tabCount + (item.tabCount === 1 ? ' tab' : ' tabs'))));
        }
        if (!page.items.length && !cursor) changes.append(el('li', { class: 'muted', id: 'timeline-none' }, 'No tab changes recorded for this device yet.'));
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
    show('Tab timeline' + (deviceName ? ' · ' + deviceName : ''), form, snapshotBox,
      el('h2', { id: 'changes-h' }, 'Changes, newest first'), changes, footer);
    try {
      const snapshot = await api(base + '/at' + (at ? '?time=' + encodeURIComponent(at) : ''));
      if (!isCurrent(token)) return;
      const query = '?device=' + encodeURIComponent(clientId) + '&at=' + encodeURIComponent(snapshot.takenAt);
      snapshotBox.replaceChildren(el('h2', { id: 'snapshot-h' }, at ? 'Open at ' + when(at) : 'Open now'),
        el('p', { class: 'muted' }, 'From ', el('time', { datetime: snapshot.takenAt }, when(snapshot.takenAt)),
          snapshot.until ? [' until ', el('time', { datetime: snapshot.until }, when(snapshot.until))] : ' until now',
          ' · ' + snapshot.tabs.length + ' tabs'),
        snapshot.tabs.length ? el('ol', { class: 'list', id: 'snapshot-tabs', 'aria-label': 'Reopen: every link' },
          snapshot.tabs.map((tab) => el('li', {}, tab.pinned ? el('span', { class: 'badge' }, 'Pinned') : null, target(tab.title, tab.url, tab.linkable))))
          : el('p', { class: 'muted' }, 'No tabs were open.'),
        el('p', {}, 'Reopen all: ', el('a', { href: '/api/v1/export/tabs.txt' + query, download: 'fxhome-tabs.txt', id: 'snapshot-links' }, 'list of links'),
          ' · ', el('a', { href: '/api/v1/export/tabs.json' + query, download: 'fxhome-tabs.json' }, 'JSON')));
      announce(snapshot.tabs.length + ' tabs');
    } catch (error) {
      if (!isCurrent(token)) return;
      snapshotBox.replaceChildren(el('h2', { id: 'snapshot-h' }, 'Open then'), error.status === 404
        ? el('p', { class: 'muted', id: 'snapshot-none' }, 'This device\'s timeline starts later.') : errorBox(error));
    }
  }

  register('timeline', viewTimeline, 'devices');
});
