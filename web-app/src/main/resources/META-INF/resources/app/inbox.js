// fxhome HTML5 app: the inbox view (#/inbox), the tabs other Firefoxes sent to fxhome with "Send to device",
// registered with app.js's router through window.fxhomeViews. It is the first screen when the app opens at its root
// with unread tabs, and while the app is open and visible it asks for new ones every fxhome.web.inbox.refresh-interval
// (POST /api/v1/inbox/refresh: a light "receive commands only" job, rate-limited per account by the server). Titles and URLs go through app.js's target(): text
// always, a link only for web addresses (javascript:, data: and the like stay inert).
'use strict';
(() => {
  const nav = document.getElementById('nav');
  if (nav && !nav.querySelector('[data-section="inbox"]')) {
    const link = document.createElement('a');
    link.href = '#/inbox';
    link.dataset.section = 'inbox';
    link.textContent = window.fxhomeI18n.t('nav_inbox');
    const tabs = nav.querySelector('[data-section="tabs"]');
    if (tabs) tabs.after(link); else nav.append(link);
  }

  // Reloads the inbox view if it is on screen (after a refresh job had time to run).
  let reloadShown = null;

  function startPolling(app) {
    let interval = 30000;
    let timer = null;
    async function poll() {
      timer = null;
      if (document.visibilityState !== 'visible') return;
      if (!app.signedIn()) {
        // Not (yet) signed in: the start may still be asking; look again next turn.
        schedule();
        return;
      }
      try {
        const answer = await app.api('/api/v1/inbox/refresh', { method: 'POST' });
        if (answer.intervalSeconds > 0) interval = answer.intervalSeconds * 1000;
        // The job takes a moment, longer on a busy worker: look for what it brought a few times (cheap: ETag).
        if (answer.result === 'enqueued') {
          [3000, 8000, 15000].forEach((ms) => setTimeout(() => { if (reloadShown) reloadShown(); }, ms));
        }
      } catch (error) {
        // Asked moments ago (another tab of the app), offline, or signed out: the next turn asks again.
      }
      schedule();
    }
    function schedule(delay = interval) {
      if (!timer && document.visibilityState === 'visible') timer = setTimeout(poll, delay);
    }
    // Opened, or shown again: ask soon (the server's rate limit keeps that cheap), then every interval.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        schedule(1000);
      } else if (timer) {
        clearTimeout(timer);
        timer = null;
      }
    });
    schedule(1000);
  }

  async function viewInbox(app, token) {
    const { el, api, show, time, errorBox, announce, target } = app;
    const { t, parts } = window.fxhomeI18n;
    const ctx = { isCurrent: () => app.isCurrent(token) };
    // The entries loaded so far (first page, then each "Older" page appended) and the next page's cursor.
    let items = [];
    let next = null;

    async function load(cursor) {
      const page = await api('/api/v1/inbox' + (cursor ? '?cursor=' + encodeURIComponent(cursor) : ''));
      items = cursor ? items.concat(page.items) : page.items;
      next = page.next;
    }

    function entry(item) {
      const actions = [];
      if (!item.readAt) {
        const read = el('button', { type: 'button', class: 'mark-read' }, t('mark_read'));
        read.addEventListener('click', () => change(() => api('/api/v1/inbox/' + item.id + '/read', { method: 'POST' }),
          () => { item.readAt = new Date().toISOString(); }, t('inbox_marked_read')));
        actions.push(read, ' ');
      }
      const remove = el('button', { type: 'button', class: 'danger delete' }, t('delete'));
      remove.addEventListener('click', () => change(() => api('/api/v1/inbox/' + item.id, { method: 'DELETE' }),
        () => { items = items.filter((i) => i.id !== item.id); }, t('inbox_deleted')));
      actions.push(remove);
      return el('li', { class: 'inbox-item' + (item.readAt ? '' : ' unread'), 'data-id': String(item.id) },
        item.readAt ? null : el('span', { class: 'badge' }, t('inbox_new')), target(item.title, item.url, item.linkable),
        el('span', { class: 'muted' }, parts('app_inbox_from', { sender: item.senderName || t('another_device'), when: time(item.sentAt) })), ' ', actions);
    }

    async function change(call, apply, message) {
      try {
        await call();
        apply();
        render();
        announce(message);
      } catch (error) {
        render(errorBox(error));
      }
    }

    function render(message) {
      if (!ctx.isCurrent()) return;
      const list = items.length ? el('ul', { class: 'list', id: 'inbox-list' }, items.map(entry))
        : el('p', { class: 'muted', id: 'inbox-empty' }, t('inbox_empty'));
      let older = null;
      if (next) {
        older = el('button', { type: 'button', id: 'inbox-older' }, t('older'));
        older.addEventListener('click', async () => {
          try {
            await load(next);
            render();
          } catch (error) {
            render(errorBox(error));
          }
        });
      }
      show(t('nav_inbox'), message || null, el('p', { class: 'muted' },
        t('app_inbox_intro')),
      list, older, el('p', { class: 'muted' }, t('export_label') + ': ',
        el('a', { href: '/api/v1/export/inbox.csv', download: 'fxhome-inbox.csv', id: 'inbox-export-csv' }, 'CSV'), ' · ',
        el('a', { href: '/api/v1/export/inbox.json', download: 'fxhome-inbox.json', id: 'inbox-export-json' }, 'JSON')));
    }

    // New tabs arrive at the top: add the ones not shown yet, keep the rest (and the older pages loaded) as they are.
    reloadShown = async () => {
      if (!ctx.isCurrent()) return;
      try {
        const page = await api('/api/v1/inbox');
        const shown = new Set(items.map((item) => item.id));
        const fresh = page.items.filter((item) => !shown.has(item.id));
        if (!fresh.length || !ctx.isCurrent()) return;
        items = fresh.concat(items);
        render();
        announce(t('app_inbox_arrived'));
      } catch (error) {
        // Offline for a moment: what is shown stays.
      }
    };
    await load(null);
    render();
  }

  (window.fxhomeViews = window.fxhomeViews || []).push((app, register) => {
    register('inbox', (token) => viewInbox(app, token));
    app.startScreen(async () => {
      const page = await app.api('/api/v1/inbox?limit=20');
      return page.items.some((item) => !item.readAt) ? '#/inbox' : null;
    });
    startPolling(app);
  });
})();
