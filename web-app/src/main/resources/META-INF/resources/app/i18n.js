// fxhome HTML5 app: its words, loaded before every other script. The server writes the messages of the page's
// language into the shell (<meta name="fxhome-messages">: the same files as the HTML4 pages', docs/web-app.md) and
// sets <html lang>; t(key, values) fills a message's {name} placeholders, numbers formatted for the language. What
// it returns is text: views put it in text nodes (app.js's el()), never parse it as markup, so a synced title passed
// as a value stays text. parts() keeps DOM nodes (a <time>) as nodes, for the view to append.
'use strict';
(() => {
  const source = document.querySelector('meta[name="fxhome-messages"]');
  let messages = {};
  try {
    messages = JSON.parse(source ? source.content : '{}') || {};
  } catch (ignored) { /* an unreadable copy: keys are shown, which a test would catch */ }
  const locale = document.documentElement.lang || 'en';
  const numbers = new Intl.NumberFormat(locale);
  const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

  function has(key) {
    return Object.prototype.hasOwnProperty.call(messages, key);
  }

  function value(v) {
    return typeof v === 'number' ? numbers.format(v) : v;
  }

  /** The message for a key with its placeholders filled in, as a string. */
  function t(key, values) {
    const message = has(key) ? messages[key] : key;
    if (!values) return message;
    return message.replace(PLACEHOLDER, (all, name) => (Object.prototype.hasOwnProperty.call(values, name) ? String(value(values[name])) : all));
  }

  /** The same, as a list of strings and the nodes given as values (for el() to append). */
  function parts(key, values) {
    const message = has(key) ? messages[key] : key;
    const out = [];
    let last = 0;
    message.replace(PLACEHOLDER, (all, name, offset) => {
      out.push(message.slice(last, offset));
      out.push(Object.prototype.hasOwnProperty.call(values, name) ? value(values[name]) : all);
      last = offset + all.length;
      return all;
    });
    out.push(message.slice(last));
    return out.filter((p) => p !== '' && p !== null && p !== undefined).map((p) => (p instanceof Node ? p : String(p)));
  }

  // The language switch comes back to the view it was used on (the server sees no #fragment otherwise).
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[data-lang]');
    if (link) link.href = '/lang/' + link.dataset.lang + '?back=' + encodeURIComponent('/' + location.hash);
  });
  for (const link of document.querySelectorAll('a[data-lang]')) {
    if (link.dataset.lang === locale) link.setAttribute('aria-current', 'true');
  }

  window.fxhomeI18n = { t, parts, has, locale, number: (n) => numbers.format(n) };
})();
