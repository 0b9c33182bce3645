// fxhome HTML5 app: a small router over the JSON API. Every synced string reaches the page through textContent or
// an attribute set by the DOM API, never through innerHTML; only http(s)/ftp URLs become links, anything else
// (javascript:, data:, ...) is shown as inert text.
'use strict';
(() => {
  const { t, parts, has, locale } = window.fxhomeI18n;
  const main = document.getElementById('main');
  const nav = document.getElementById('nav');
  const searchForm = document.getElementById('search-form');
  const searchInput = document.getElementById('q');
  const status = document.getElementById('status');
  // signIns counts the sign-ins of this page: a sign-in ends the browser's previous session (rotation), so a request
  // sent before it may be answered 401 although the new session is fine.
  const state = { csrf: null, signedIn: false, pending: null, unblock: null, browser: null, signIns: 0 };
  let renderToken = 0;
  const itemActions = [];

  // ------------------------------------------------------------------ DOM helpers

  /** el('li', {class: 'x'}, 'text', child...): strings become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function linkable(url) {
    return typeof url === 'string' && /^(https?|ftp):\/\/[^\s\u0000-\u001f\u007f]+$/i.test(url);
  }

  /** A title and URL: a link for web URLs, inert text for everything else. */
  function target(title, url, canLink) {
    const shownTitle = title && title.trim() ? title : (url || t('untitled'));
    const titleClass = 'item-title' + (shownTitle.length > 200 ? ' long' : '');
    // One page's story (app/history.js), from every list that shows a URL.
    const story = url ? el('a', { class: 'story-link', href: '#/page?url=' + encodeURIComponent(url), 'aria-label': t('app_story_of', { title: shownTitle }) }, t('app_story')) : null;
    if (canLink !== false && linkable(url)) {
      // Per-item actions other files add (app/send.js: "Send to device"), for web addresses only.
      const actions = itemActions.map((action) => action(title && title.trim() ? title : '', url, shownTitle));
      return [el('a', { class: titleClass, href: url, rel: 'noopener noreferrer', target: '_blank' }, shownTitle),
        el('span', { class: 'item-url' }, url), story, ...actions];
    }
    return [el('span', { class: titleClass }, shownTitle),
      el('span', { class: 'item-url inert', title: t('app_not_web_address') }, url || ''), story];
  }

  /** A bookmark root's name in the app's language (the API names the roots in English); other folders as synced. */
  function rootTitle(guid, title) {
    return has('root_' + guid) ? t('root_' + guid) : (title || t('untitled'));
  }

  function show(title, ...content) {
    // replaceChildren would print a null as the text "null": optional parts are left out instead.
    main.replaceChildren(el('h1', {}, title), ...content.flat().filter((c) => c !== null && c !== undefined && c !== false));
    document.title = title + ' · fxhome';
  }

  function announce(text) {
    status.textContent = text;
  }

  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  function ago(iso) {
    if (!iso) return '';
    const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
    const units = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
    }
    return relative.format(Math.round(seconds), 'second');
  }

  function time(iso) {
    return iso ? el('time', { datetime: iso, title: new Date(iso).toLocaleString(locale) }, ago(iso)) : null;
  }

  function dayLabel(iso) {
    const d = new Date(iso);
    const today = new Date();
    const start = (x) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime();
    const days = Math.round((start(today) - start(d)) / 86400000);
    if (days === 0) return t('app_today');
    if (days === 1) return t('app_yesterday');
    return d.toLocaleDateString(locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
  }

  // ------------------------------------------------------------------ API

  /** A problem's detail in the app's language when the messages have it (problem_<code>_detail), else the server's. */
  function problemText(problem) {
    if (!problem) return null;
    const key = 'problem_' + String(problem.code || '').replace(/-/g, '_') + '_detail';
    return problem.code && has(key) ? t(key, { seconds: problem.retryAfterSeconds || 1 }) : problem.detail;
  }

  class ApiError extends Error {
    constructor(status, problem) {
      super(problemText(problem) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem || {};
    }
  }

  async function api(path, options = {}) {
    const method = options.method || 'GET';
    const headers = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
    const signIns = state.signIns;
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin', signal: options.signal, keepalive: options.keepalive,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (response.status === 204) return {};
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      // Only an answer to a request sent since the latest sign-in speaks for the session this page now holds.
      if (response.status === 401 && body && body.code === 'not-signed-in' && signIns === state.signIns) {
        // Signed out elsewhere, expired or deleted: what this device kept of the account goes too.
        forgetLocalData();
        if (state.signedIn) {
          state.signedIn = false;
          go('#/signin');
        }
      }
      throw new ApiError(response.status, body);
    }
    body.__status = response.status;
    return body;
  }

  function errorBox(error) {
    return el('p', { class: 'error', role: 'alert' }, error.message || String(error));
  }

  // ------------------------------------------------------------------ views in other files

  // Views of their own files (tokens.js, timeline.js, bookmarks-health.js, ...) push a registrar onto
  // window.fxhomeViews, loaded before this one; each registrar gets these helpers and a function to register a section
  // of the hash router: register(section, view(token, parts after the section, params), nav section to mark).
  // startScreen(fn): fn() resolves to a hash to open instead of the default when the app starts at its root, or null.
  // itemAction(fn): fn(title, url, shownTitle) returns an element added to every item with a web address, after its
  // story link (app/send.js: "Send to device").
  const extraViews = {};
  const startScreens = [];
  const helpers = { el, target, show, api, time, dayLabel, announce, errorBox, go, ApiError, isCurrent: (token) => token === renderToken,
    signedIn: () => state.signedIn, startScreen: (fn) => { startScreens.push(fn); },
    itemAction: (action) => { itemActions.push(action); } };
  for (const registrar of window.fxhomeViews || []) {
    registrar(helpers, (section, view, nav) => { extraViews[section] = { view, nav: nav === undefined ? section : nav }; });
  }

  /** A device's stale mark and timeline link, wherever devices are shown. */
  function deviceExtras(device) {
    return [device.stale ? el('span', { class: 'badge stale', title: t('app_stale_since', { when: new Date(device.tabsChangedAt).toLocaleString(locale) }) }, t('stale')) : null,
      el('a', { class: 'timeline-link', href: '#/timeline/' + encodeURIComponent(device.clientId) }, t('tab_timeline'))];
  }

  // ------------------------------------------------------------------ router

  function go(hash) {
    if (location.hash === hash) route();
    else location.hash = hash;
  }

  function setChrome(section) {
    nav.hidden = !state.signedIn;
    searchForm.hidden = !state.signedIn;
    for (const a of nav.querySelectorAll('a')) {
      if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  async function route() {
    const token = ++renderToken;
    const hash = location.hash || '#/tabs';
    const [path, query] = hash.slice(1).split('?');
    const params = new URLSearchParams(query || '');
    const parts = path.split('/').filter(Boolean);
    if (!state.signedIn && parts[0] !== 'signin') {
      go('#/signin');
      return;
    }
    const section = parts[0] || 'tabs';
    setChrome(section);
    try {
      switch (section) {
        case 'signin':
          if (parts[1] === 'code') return viewCode(token);
          if (parts[1] === 'unblock') return viewUnblock();
          if (parts[1] === 'browser') return viewBrowserSignIn();
          return viewSignIn(params.get('error'));
        case 'first-sync': return await viewFirstSync(token);
        case 'tabs': return await viewTabs(token);
        case 'history': return await viewHistory(token);
        case 'bookmarks': return await viewBookmarks(token, parts[1] ? decodeURIComponent(parts[1]) : null);
        case 'search': return await viewSearch(token, params.get('q') || '');
        case 'devices': return await viewDevices(token);
        default:
          if (Object.prototype.hasOwnProperty.call(extraViews, section)) {
            setChrome(extraViews[section].nav);
            return await extraViews[section].view(token, parts.slice(1).map(decodeURIComponent), params);
          }
          return show(t('problem_not_found'), el('p', {}, t('app_nothing_here') + ' ', el('a', { href: '#/tabs' }, t('app_go_to_tabs'))));
      }
    } catch (error) {
      if (token === renderToken && !(error instanceof ApiError && error.status === 401)) {
        show(t('app_went_wrong'), errorBox(error), el('p', {}, el('a', { href: location.hash }, t('app_try_again'))));
      }
    }
  }

  function focusMain() {
    main.focus({ preventScroll: false });
  }

  // ------------------------------------------------------------------ sign-in

  const SIGN_IN_ERRORS = {
    'state-mismatch': t('app_signin_error_state_mismatch'),
    'oauth-cancelled': t('app_signin_error_oauth_cancelled'),
    'sign-in-expired': t('app_signin_error_expired'),
  };

  /** A refusal, and where password sign-in cannot get past it, the way that can: Mozilla's own page. */
  function signInError(error) {
    const offer = error instanceof ApiError && error.problem.signInOnMozilla;
    return [errorBox(error), offer ? el('p', {}, el('button', { type: 'button', id: 'offer-browser-signin', onclick: startBrowserSignIn },
      t('signin_on_mozilla'))) : null];
  }

  /** Mozilla stopped accepting fxhome's sign-in (revoked, or the password changed): the ways back in. */
  function signInAgain() {
    return [el('p', { class: 'error', id: 'needs-reauth' }, t('app_reauth')),
    el('p', {}, el('button', { type: 'button', id: 'reauth-browser', onclick: startBrowserSignIn }, t('app_reauth_browser')),
      ' ', el('a', { href: '#/signin' }, t('app_reauth_password')))];
  }

  async function startBrowserSignIn() {
    try {
      const answer = await api('/api/v1/session/browser', { method: 'POST', body: {} });
      if (answer.returnsByItself) {
        location.assign(answer.authorizationUrl);
        return;
      }
      rememberBrowserSignIn(answer);
      go('#/signin/browser');
    } catch (error) {
      show(t('sign_in'), errorBox(error), el('p', {}, el('a', { href: '#/signin' }, t('app_back'))));
    }
  }

  function viewSignIn(errorCode) {
    const message = el('div', { 'aria-live': 'assertive' }, errorCode ? errorBox(new Error(SIGN_IN_ERRORS[errorCode] || t('app_signin_failed'))) : null);
    const email = el('input', { id: 'email', type: 'email', name: 'email', autocomplete: 'username', required: true, inputmode: 'email' });
    const password = el('input', { id: 'password', type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const button = el('button', { type: 'submit', class: 'secondary' }, t('app_signin_password_button'));
    const form = el('form', { class: 'card', id: 'signin-form', novalidate: true },
      el('h2', {}, t('signin_here_heading')),
      el('label', { for: 'email' }, t('email_label')), email,
      el('label', { for: 'password' }, t('password_label')), password, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      message.replaceChildren(el('p', { class: 'muted' }, t('app_signing_in')));
      try {
        const answer = await api('/api/v1/session', { method: 'POST', body: { email: email.value, password: password.value } });
        if (answer.status === 'unblock-required') {
          // Kept in this page's memory only, for the one repeat Mozilla asks for with its unblock code.
          state.unblock = { answer, email: email.value, password: password.value };
        }
        password.value = '';
        afterSignInStep(answer);
      } catch (error) {
        message.replaceChildren(...signInError(error));
        button.disabled = false;
        password.focus();
      }
    });
    const browserCard = el('div', { class: 'card' },
      el('h2', {}, t('signin_on_mozilla')),
      el('p', { class: 'muted' }, t('password_mozilla_only')),
      el('button', { type: 'button', id: 'browser-signin', onclick: startBrowserSignIn }, t('signin_on_mozilla')));
    show(t('app_signin_title'),
      el('p', { class: 'muted' }, t('app_signin_intro')),
      message, browserCard, form);
  }

  // The started sign-in outlives a trip to Mozilla's page in this tab (its secrets stay on the server; this is the
  // address to open again). Gone with the tab, or once used.
  function rememberBrowserSignIn(answer) {
    state.browser = answer;
    try {
      if (answer) sessionStorage.setItem('fxhome.browserSignIn', JSON.stringify(answer));
      else sessionStorage.removeItem('fxhome.browserSignIn');
    } catch (ignored) { /* storage disabled: the in-memory copy is enough */ }
  }

  function startedBrowserSignIn() {
    if (state.browser) return state.browser;
    try {
      const saved = JSON.parse(sessionStorage.getItem('fxhome.browserSignIn') || 'null');
      if (saved && Date.parse(saved.expiresAt) > Date.now()) return saved;
    } catch (ignored) { /* nothing usable */ }
    return null;
  }

  function viewBrowserSignIn() {
    const started = startedBrowserSignIn();
    if (!started) {
      go('#/signin');
      return;
    }
    const message = el('div', { 'aria-live': 'assertive' });
    const url = el('input', { id: 'pasted-url', type: 'url', name: 'url', required: true, autocomplete: 'off', spellcheck: 'false',
      placeholder: 'https://accounts.firefox.com/oauth/success/…?code=…&state=…' });
    const button = el('button', { type: 'submit' }, t('continue_button'));
    const form = el('form', { class: 'card', id: 'browser-form', novalidate: true },
      el('label', { for: 'pasted-url' }, t('browser_address_label')), url, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        const answer = await api('/api/v1/session/browser/complete', { method: 'POST', body: { url: url.value } });
        rememberBrowserSignIn(null);
        afterSignInStep(answer);
      } catch (error) {
        message.replaceChildren(errorBox(error));
        if (error.status === 410 || error.status === 403) rememberBrowserSignIn(null);
        button.disabled = false;
        url.focus();
      }
    });
    show(t('signin_on_mozilla'),
      el('ol', { class: 'steps' },
        el('li', {}, el('a', { id: 'authorization-link', href: started.authorizationUrl, target: '_blank', rel: 'noopener noreferrer' },
          t('app_open_signin_page')), ' ' + t('app_browser_step1')),
        el('li', {}, t('app_browser_step2')),
        el('li', {}, t('app_browser_step3'))),
      message, form,
      el('p', {}, el('a', { href: '#/signin' }, t('signin_password_instead'))));
  }

  function viewUnblock() {
    const unblock = state.unblock;
    if (!unblock) {
      go('#/signin');
      return;
    }
    const message = el('div', { 'aria-live': 'assertive' });
    const code = el('input', { id: 'unblock-code', type: 'text', name: 'unblockCode', autocomplete: 'one-time-code', required: true,
      autocapitalize: 'characters', spellcheck: 'false' });
    const button = el('button', { type: 'submit' }, t('sign_in'));
    const form = el('form', { class: 'card', id: 'unblock-form', novalidate: true },
      el('p', {}, t('unblock_emailed', { email: unblock.email })), el('label', { for: 'unblock-code' }, t('unblock_code_label')), code, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        const answer = await api('/api/v1/session', { method: 'POST',
          body: { email: unblock.email, password: unblock.password, unblockCode: code.value } });
        state.unblock = null;
        afterSignInStep(answer);
      } catch (error) {
        message.replaceChildren(...signInError(error));
        button.disabled = false;
        code.focus();
      }
    });
    const resend = el('button', { type: 'button', class: 'secondary', id: 'resend-unblock', onclick: async () => {
      try {
        await api('/api/v1/session/unblock/resend', { method: 'POST', body: {} });
        announce(t('app_unblock_resent'));
        message.replaceChildren(el('p', { class: 'notice' }, t('app_unblock_resent')));
      } catch (error) {
        message.replaceChildren(errorBox(error));
      }
    } }, t('send_another_code'));
    show(t('unblock_title'), message, form, resend);
    code.focus();
  }

  function afterSignInStep(answer) {
    if (answer.status === 'unblock-required') {
      go('#/signin/unblock');
      return;
    }
    state.unblock = null;
    if (answer.status === 'verification-required') {
      state.pending = answer;
      go('#/signin/code');
      return;
    }
    state.csrf = answer.csrfToken;
    state.signedIn = true;
    state.signIns++;
    go('#/first-sync');
  }

  function viewCode() {
    const pending = state.pending;
    if (!pending) {
      go('#/signin');
      return;
    }
    const message = el('div', { 'aria-live': 'assertive' });
    const button = el('button', { type: 'submit' }, pending.expectsCode ? t('confirm') : t('continue_button'));
    const code = pending.expectsCode ? el('input', { id: 'code', type: 'text', name: 'code', inputmode: 'numeric',
      autocomplete: 'one-time-code', required: true, pattern: '[0-9A-Za-z]*' }) : null;
    const form = el('form', { class: 'card', id: 'code-form' },
      el('p', {}, has('verify_' + (pending.method || 'unknown').replace(/-/g, '_')) ? t('verify_' + (pending.method || 'unknown').replace(/-/g, '_')) : pending.message), code ? [el('label', { for: 'code' }, t('code_label')), code] : null, button);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        const answer = await api('/api/v1/session/verify', { method: 'POST', body: { code: code ? code.value : null } });
        state.pending = null;
        afterSignInStep(answer);
      } catch (error) {
        message.replaceChildren(errorBox(error));
        button.disabled = false;
        if (error.status === 410) state.pending = null;
        if (code) code.focus();
      }
    });
    const resend = pending.method && pending.method.startsWith('email') ? el('button', { type: 'button', class: 'secondary', onclick: async () => {
      try {
        await api('/api/v1/session/verify/resend', { method: 'POST', body: {} });
        announce(t('app_code_resent'));
        message.replaceChildren(el('p', { class: 'notice' }, t('app_code_resent')));
      } catch (error) {
        message.replaceChildren(errorBox(error));
      }
    } }, t('app_send_code_again')) : null;
    show(t('confirm_it_is_you'), message, form, resend);
    if (code) code.focus();
  }

  // ------------------------------------------------------------------ first sync

  const COLLECTION_NAMES = { clients: t('collection_clients'), tabs: t('collection_tabs'), bookmarks: t('collection_bookmarks'),
    history: t('collection_history') };

  async function viewFirstSync(token) {
    const progress = el('div', { class: 'card', 'aria-live': 'polite', id: 'sync-progress' }, el('p', {}, t('app_waiting_first_sync')));
    show(t('app_downloading_title'), progress);
    for (;;) {
      if (token !== renderToken) return;
      let s;
      try {
        s = await api('/api/v1/sync');
      } catch (error) {
        progress.replaceChildren(errorBox(error));
        return;
      }
      if (token !== renderToken) return;
      if (s.state === 'needs-reauth') {
        progress.replaceChildren(...signInAgain());
        return;
      }
      if (s.firstSyncDone && s.state !== 'syncing') {
        progress.replaceChildren(el('p', { id: 'first-sync-done' }, t('app_first_sync_done')),
          el('p', {}, el('a', { class: 'button', href: '#/tabs' }, t('app_see_tabs'))));
        announce(t('app_first_sync_finished'));
        setTimeout(() => { if (token === renderToken) go('#/tabs'); }, 1200);
        return;
      }
      if (s.state === 'syncing' && s.progress) {
        const what = COLLECTION_NAMES[s.progress.collection] || s.progress.collection || t('collection_data');
        progress.replaceChildren(el('p', {}, t('app_downloading', { what })),
          el('progress', { 'aria-label': t('app_sync_progress') }),
          el('p', { class: 'muted' }, t('app_records_so_far', { count: s.progress.recordsDone })));
      } else if (s.lastRun && s.lastRun.outcome && s.lastRun.outcome !== 'done') {
        progress.replaceChildren(el('p', {}, t('app_sync_retried', { reason: s.lastRun.error || s.lastRun.outcome })));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  // ------------------------------------------------------------------ tabs

  async function viewTabs(token) {
    const data = await api('/api/v1/tabs');
    if (token !== renderToken) return;
    if (!data.devices.length) {
      show(t('tabs_title'), el('p', { class: 'muted' }, t('no_tabs_yet')));
      return;
    }
    const sections = data.devices.map((device) => el('section', { class: 'device', 'aria-label': device.name || t('app_device') },
      el('div', { class: 'device-head' }, el('h2', {}, device.name || t('unnamed_device')), time(device.updatedAt), deviceExtras(device)),
      device.tabs.length ? el('ul', { class: 'list' }, device.tabs.map((tab) => el('li', {},
        tab.pinned ? el('span', { class: 'badge' }, t('app_pinned')) : null,
        tab.inactive ? el('span', { class: 'badge' }, t('app_inactive')) : null,
        target(tab.title, tab.url, tab.linkable),
        tab.lastUsed ? el('span', { class: 'muted' }, parts('app_used', { when: time(tab.lastUsed) })) : null)))
        : el('p', { class: 'muted' }, t('no_open_tabs'))));
    show(t('tabs_title'), ...sections);
  }

  // ------------------------------------------------------------------ history

  async function viewHistory(token) {
    const container = el('div', { id: 'history' });
    const more = el('button', { type: 'button', class: 'secondary', id: 'history-more' }, t('app_load_more'));
    const footer = el('div', { class: 'more' }, more);
    show(t('nav_history'), window.fxhomeHistoryNav ? window.fxhomeHistoryNav('pages') : null, container, footer);
    let cursor = null;
    let lastDay = null;
    let list = null;
    let loading = false;
    async function load() {
      if (loading) return;
      loading = true;
      more.disabled = true;
      try {
        const page = await api('/api/v1/history' + (cursor ? '?cursor=' + encodeURIComponent(cursor) : ''));
        if (token !== renderToken) return;
        for (const item of page.items) {
          const day = dayLabel(item.lastVisitAt);
          if (day !== lastDay) {
            lastDay = day;
            list = el('ul', { class: 'list' });
            container.append(el('h2', {}, day), list);
          }
          list.append(el('li', {}, target(item.title, item.url, item.linkable),
            el('span', { class: 'muted' }, new Date(item.lastVisitAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' }),
              item.visitCount > 1 ? ' · ' + t('n_visits', { count: item.visitCount }) : '')));
        }
        if (!page.items.length && !cursor) container.append(el('p', { class: 'muted' }, t('no_history')));
        cursor = page.next;
        if (!cursor) footer.replaceChildren(el('p', { class: 'muted' }, page.items.length || lastDay ? t('app_all_history') : ''));
      } catch (error) {
        footer.prepend(errorBox(error));
      } finally {
        loading = false;
        more.disabled = false;
      }
    }
    more.addEventListener('click', load);
    await load();
    // Endless scrolling: load the next page as the end comes into view (the button stays for keyboards).
    if ('IntersectionObserver' in window) {
      const observer = new IntersectionObserver((entries) => {
        if (token !== renderToken) { observer.disconnect(); return; }
        if (entries.some((e) => e.isIntersecting) && cursor) load();
      }, { rootMargin: '600px' });
      observer.observe(footer);
    }
  }

  // ------------------------------------------------------------------ bookmarks

  async function viewBookmarks(token, guid) {
    if (!guid) {
      const data = await api('/api/v1/bookmarks');
      if (token !== renderToken) return;
      show(t('nav_bookmarks'), el('ul', { class: 'list' }, data.roots.map((root) => el('li', {},
        el('a', { class: 'item-title folder', href: '#/bookmarks/' + encodeURIComponent(root.guid) }, rootTitle(root.guid, root.title)),
        el('span', { class: 'muted' }, t('n_items', { count: root.childCount || 0 })))),
      el('li', {}, el('a', { class: 'item-title folder', href: '#/bookmark-health/lost-and-found' }, t('health_list_lost_and_found')),
        el('span', { class: 'muted' }, t('lost_found_hint')))),
      el('p', {}, el('a', { href: '#/bookmark-health' }, t('health_report')), ' · ' + t('export_label') + ': ',
        el('a', { href: '/api/v1/export/bookmarks.html', download: 'fxhome-bookmarks.html' }, t('app_bookmark_file')), ' · ',
        el('a', { href: '/api/v1/export/bookmarks.json', download: 'fxhome-bookmarks.json' }, 'JSON')));
      return;
    }
    const folder = await api('/api/v1/bookmarks/' + encodeURIComponent(guid));
    if (token !== renderToken) return;
    const crumbs = el('nav', { class: 'crumbs', 'aria-label': t('app_breadcrumb') }, el('ol', {},
      el('li', {}, el('a', { href: '#/bookmarks' }, t('nav_bookmarks'))),
      folder.breadcrumb.map((c, i) => el('li', {}, i === folder.breadcrumb.length - 1
        ? el('span', { 'aria-current': 'page' }, rootTitle(c.guid, c.title))
        : el('a', { href: '#/bookmarks/' + encodeURIComponent(c.guid) }, rootTitle(c.guid, c.title))))));
    const items = folder.children.map((b) => {
      if (b.kind === 'folder' || b.kind === 'livemark') {
        return el('li', {}, el('a', { class: 'item-title folder', href: '#/bookmarks/' + encodeURIComponent(b.guid) }, b.title || t('untitled_folder')),
          el('span', { class: 'muted' }, t('n_items', { count: b.childCount || 0 })));
      }
      if (b.kind === 'separator') return el('li', { 'aria-hidden': 'true', class: 'muted' }, '—');
      return el('li', {}, b.kind === 'query' ? el('span', { class: 'badge' }, t('app_query')) : null, target(b.title, b.url, b.linkable),
        b.keyword ? el('span', { class: 'muted' }, t('keyword_label') + ': ' + b.keyword) : null,
        b.tags ? el('span', { class: 'muted' }, t('tags_label') + ': ' + b.tags.join(', ')) : null);
    });
    show(folder.item.title ? rootTitle(folder.item.guid, folder.item.title) : t('untitled_folder'), crumbs,
      items.length ? el('ul', { class: 'list', id: 'folder-items' }, items) : el('p', { class: 'muted' }, t('folder_empty')));
  }

  // ------------------------------------------------------------------ search

  // Search as you type: requests wait for a pause in typing (debounce), and a new one cancels the one still in flight,
  // so a slow answer to an old prefix never replaces the results of what is typed now.
  let searchRequest = null;

  async function viewSearch(token, q) {
    if (searchInput.value !== q && document.activeElement !== searchInput) searchInput.value = q;
    if (searchRequest) searchRequest.abort();
    if (!q.trim()) {
      show(t('search_label'), el('p', { class: 'muted' }, t('app_search_help')));
      return;
    }
    const request = new AbortController();
    searchRequest = request;
    let data;
    try {
      data = await api('/api/v1/search?q=' + encodeURIComponent(q), { signal: request.signal });
    } catch (error) {
      if (request.signal.aborted) return;
      throw error;
    } finally {
      if (searchRequest === request) searchRequest = null;
    }
    if (token !== renderToken) return;
    const labels = { tab: t('app_source_tab'), inbox: t('app_source_inbox'), bookmark: t('app_source_bookmark'),
      history: t('app_source_history') };
    const badge = (r) => (r.heuristic === 'keyword' ? t('app_source_keyword') : labels[r.source] || r.source) + (r.device ? ' · ' + r.device : '');
    show(t('app_results_for', { q }), data.results.length
      ? el('ul', { class: 'list', id: 'search-results' }, data.results.map((r) => el('li', {
        // Adaptive history: what was opened for this input ranks first next time.
        onclick: (event) => { if (event.target.closest('a')) recordPick(q, r.url); },
      },
        el('span', { class: 'badge' }, badge(r)), target(r.title || (r.autofill ? r.autofill : null), r.url, r.linkable),
        r.lastVisitAt ? el('span', { class: 'muted' }, parts('app_visited', { when: time(r.lastVisitAt) })) : null)))
      : el('p', { class: 'muted', id: 'search-empty' }, t('nothing_matches')));
    announce(t('app_n_results', { count: data.results.length }));
  }

  function recordPick(query, url) {
    api('/api/v1/search/picks', { method: 'POST', body: { query, url }, keepalive: true }).catch(() => null);
  }

  let searchTimer = null;
  searchInput.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const q = searchInput.value;
      const target = '#/search?q=' + encodeURIComponent(q);
      if (location.hash.startsWith('#/search')) history.replaceState(null, '', target);
      else history.pushState(null, '', target);
      route();
    }, 150);
  });
  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    go('#/search?q=' + encodeURIComponent(searchInput.value));
  });

  // ------------------------------------------------------------------ devices, sync status, account

  async function viewDevices(token) {
    // fxhome's own device is null before the first sync (404).
    const [devices, sync, me, own] = await Promise.all([api('/api/v1/devices'), api('/api/v1/sync'), api('/api/v1/me'),
      api('/api/v1/send-tab/device').catch(() => null)]);
    if (token !== renderToken) return;
    state.csrf = me.csrfToken;
    const message = el('div', { 'aria-live': 'polite' });
    const syncButton = el('button', { type: 'button', id: 'sync-now' }, t('sync_now'));
    syncButton.addEventListener('click', async () => {
      syncButton.disabled = true;
      try {
        await api('/api/v1/sync', { method: 'POST' });
        message.replaceChildren(el('p', { class: 'notice' }, t('app_sync_started')));
        setTimeout(() => { if (token === renderToken) route(); }, 4000);
      } catch (error) {
        message.replaceChildren(errorBox(error));
        syncButton.disabled = false;
      }
    });
    const stateText = { syncing: t('sync_state_syncing'), queued: t('sync_state_queued'), idle: t('sync_state_idle'),
      'needs-reauth': t('sync_state_reauth') };
    const syncCard = el('section', { class: 'card', 'aria-labelledby': 'sync-h' }, el('h2', { id: 'sync-h' }, t('sync_heading')),
      sync.state === 'needs-reauth' ? signInAgain() : el('p', {}, stateText[sync.state] || sync.state),
      el('p', { class: 'muted' }, parts('app_last_synced', { when: sync.lastSyncAt ? time(sync.lastSyncAt) : t('time_never') }),
        sync.lastRun && sync.lastRun.outcome !== 'done' ? ' · ' + t('app_last_attempt', { outcome: sync.lastRun.outcome }) : ''),
      sync.progress ? el('p', { class: 'muted' }, t('app_downloading_records', { what: COLLECTION_NAMES[sync.progress.collection] || t('collection_data'), count: sync.progress.recordsDone })) : null,
      syncButton, message);
    const deviceList = devices.devices.length ? el('ul', { class: 'list' }, devices.devices.map((d) => el('li', {},
      el('span', { class: 'item-title' }, d.name || t('unnamed_device')),
      el('span', { class: 'muted' }, [d.application, d.version, d.os].filter(Boolean).join(' · '),
        d.tabCount ? ' · ' + t('n_tabs', { count: d.tabCount }) : '', d.tabsUpdatedAt ? ' · ' : '', d.tabsUpdatedAt ? time(d.tabsUpdatedAt) : null),
      deviceExtras(d))))
      : el('p', { class: 'muted' }, t('no_devices'));
    const signOut = el('button', { type: 'button', class: 'secondary', id: 'sign-out' }, t('sign_out'));
    signOut.addEventListener('click', async () => {
      await api('/api/v1/session', { method: 'DELETE' }).catch(() => null);
      forgetLocalData();
      state.signedIn = false;
      state.csrf = null;
      go('#/signin');
    });
    const unlink = el('button', { type: 'button', class: 'danger', id: 'unlink' }, t('unlink_delete'));
    unlink.addEventListener('click', async () => {
      if (!window.confirm(t('app_delete_confirm'))) return;
      try {
        await api('/api/v1/me', { method: 'DELETE' });
        forgetLocalData();
        state.signedIn = false;
        go('#/signin');
      } catch (error) {
        message.replaceChildren(errorBox(error));
      }
    });
    show(t('nav_devices_sync'), syncCard, el('h2', {}, t('your_devices')), deviceList, ownDeviceCard(own),
      el('section', { class: 'card', 'aria-labelledby': 'acct-h' }, el('h2', { id: 'acct-h' }, t('account_heading')),
        el('p', {}, me.account.email || t('app_account_sso')), signOut, ' ', unlink));
  }

  /** fxhome's own name in the account's device list, and a form to change it; null before the first sync. */
  function ownDeviceCard(device) {
    if (!device) return null;
    const input = el('input', { type: 'text', id: 'device-name', maxlength: '255', value: device.name, autocomplete: 'off' });
    const output = el('p', { role: 'status', id: 'device-name-message' });
    const save = el('button', { type: 'submit', id: 'device-name-save' }, t('device_name_save'));
    const form = el('form', {}, el('label', { for: 'device-name' }, t('device_name_label')), ' ', input, ' ', save,
      el('p', { class: 'muted' }, t('device_name_reset')), output);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      save.disabled = true;
      try {
        const renamed = await api('/api/v1/send-tab/device', { method: 'PUT', body: { name: input.value } });
        output.className = 'notice';
        output.textContent = renamed.chosen ? t('device_name_saved', { name: renamed.name }) : t('device_name_reset_done');
        input.value = renamed.name || '';
      } catch (error) {
        output.className = 'error';
        output.textContent = error.message || String(error);
      } finally {
        save.disabled = false;
      }
    });
    return el('section', { class: 'card', 'aria-labelledby': 'own-device-h' }, el('h2', { id: 'own-device-h' }, t('device_name_heading')),
      el('p', { class: 'muted' }, t('device_name_intro')), form);
  }

  function forgetLocalData() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage('forget-data');
    if (window.caches) caches.delete('fxhome-data-v1');
  }

  // ------------------------------------------------------------------ start

  async function start() {
    try {
      const session = await api('/api/v1/session');
      state.signedIn = session.status === 'signed-in';
      state.csrf = session.csrfToken || null;
      // Signed out (here, on the HTML4 pages or on another device) or expired: forget what the last session left.
      if (!state.signedIn) forgetLocalData();
      // Signed in: the service worker keeps the account's answer, so that an offline start knows who is signed in.
      else api('/api/v1/me').catch(() => null);
    } catch (error) {
      // Offline: signed in only if the service worker still holds the account (it drops it at every way out).
      state.signedIn = await api('/api/v1/me').then(() => true, () => false);
    }
    if (state.signedIn && !location.hash) {
      // Opened at its root: a view may ask to be the first screen (the inbox, when it holds unread tabs).
      for (const screen of startScreens) {
        const hash = await Promise.resolve().then(screen).catch(() => null);
        // Only while the app still stands at its root: a view opened meanwhile (a click, a link) is not taken away.
        if (location.hash) break;
        if (hash) {
          history.replaceState(null, '', hash);
          break;
        }
      }
    }
    window.addEventListener('hashchange', () => { route().then(focusMain); });
    await route();
    if ('serviceWorker' in navigator && window.isSecureContext) {
      navigator.serviceWorker.register('/sw.js').catch(() => null);
    }
  }

  start();
})();
