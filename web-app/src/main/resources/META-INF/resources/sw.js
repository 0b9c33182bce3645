// fxhome's service worker: keeps the app shell and the last loaded lists usable offline.
// The shell is cached at install; API lists are fetched from the network first and their last answer kept, so a phone
// without signal shows what it saw last. Nothing else (sign-in, state changes) is ever cached. The lists are dropped on
// sign-out and deletion (the app's message, and the server's Clear-Site-Data, which also unregisters this worker) and on
// any 401.
'use strict';
// v2: the shell carries the messages of its language (i18n.js reads them); v3: app/send.js.
const SHELL = 'fxhome-shell-v3';
const DATA = 'fxhome-data-v1';
const SHELL_FILES = ['/', '/app/i18n.js', '/app/app.js', '/app/tokens.js', '/app/inbox.js', '/app/timeline.js', '/app/bookmarks-health.js',
  '/app/history.js', '/app/send.js', '/app/app.css', '/app/history.css', '/manifest.webmanifest', '/favicon.png', '/apple-touch-icon.png',
  '/app/icon-192.png'];
const LISTS = /^\/api\/v1\/(tabs|devices|history|bookmarks|search|me)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  // Sent at sign-out and deletion: the next person on this device must not see the lists.
  if (event.data === 'forget-data') {
    event.waitUntil(caches.delete(DATA));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (LISTS.test(url.pathname)) {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(DATA).then((cache) => cache.put(request, copy));
        return response;
      }
      // Not signed in (any more): signed out elsewhere, expired or deleted. Nothing of the account stays readable.
      if (response.status === 401) {
        return caches.delete(DATA).then(() => response);
      }
      return response;
    }).catch(() => caches.open(DATA).then((cache) => cache.match(request)).then((hit) => hit || Response.error())));
    return;
  }
  if (url.pathname === '/' || url.pathname.startsWith('/app/') || SHELL_FILES.includes(url.pathname)) {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(SHELL).then((cache) => cache.put(url.pathname === '/' ? '/' : request, copy));
      }
      return response;
    }).catch(() => caches.match(url.pathname === '/' ? '/' : request).then((hit) => hit || Response.error())));
  }
});
