// fxhome HTML5 app: the "API tokens and feeds" view (#/tokens), registered with app.js's router through
// window.fxhomeViews. As in app.js, every string reaches the page as text (el() never parses markup). A new token or
// feed address is shown once, in the answer that made it: fxhome keeps only hashes and cannot show them again.
'use strict';
(() => {

  const nav = document.getElementById('nav');
  if (nav && !nav.querySelector('[data-section="tokens"]')) {
    const link = document.createElement('a');
    link.href = '#/tokens';
    link.dataset.section = 'tokens';
    link.textContent = 'API tokens';
    nav.append(link);
  }

  async function viewTokens(app, token) {
    const { el, api, show, time, errorBox, announce } = app;
    const ctx = { isCurrent: () => app.isCurrent(token) };
    // What this visit made, shown until the person leaves the view.
    const fresh = { token: null, feeds: null };

    async function render(message) {
      const [list, feeds] = await Promise.all([api('/api/v1/tokens'), api('/api/v1/feeds')]);
      if (!ctx.isCurrent()) return;
      show('API tokens and feeds', message || null, tokensCard(list.tokens, list.next), feedsCard(feeds));
    }

    function secretBox(id, label, value) {
      const field = el('input', { type: 'text', id, readonly: true, value, spellcheck: 'false', autocomplete: 'off' });
      field.addEventListener('focus', () => field.select());
      return [el('label', { for: id }, label), field];
    }

    function tokensCard(tokens, next) {
      const name = el('input', { type: 'text', id: 'token-name', name: 'name', maxlength: 100, required: true, autocomplete: 'off' });
      const form = el('form', { id: 'token-form' }, el('label', { for: 'token-name' }, 'Name of the new token'), name,
        el('button', { type: 'submit', id: 'create-token' }, 'Create token'));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          const created = await api('/api/v1/tokens', { method: 'POST', body: { name: name.value } });
          fresh.token = { id: created.id, name: name.value.trim(), token: created.token };
          await render();
          announce('Token created. Copy it now: it is shown only once.');
          const field = document.getElementById('new-token');
          if (field) field.focus();
        } catch (error) {
          await render(errorBox(error));
        }
      });
      const shown = fresh.token ? el('div', { class: 'notice', id: 'new-token-box', role: 'status' },
        secretBox('new-token', 'Your new token "' + fresh.token.name + '" (shown only now: copy it)', fresh.token.token)) : null;
      const items = tokens.length ? el('ul', { class: 'list', id: 'token-list' }, tokens.map((t) => {
        const revoke = el('button', { type: 'button', class: 'danger', 'aria-label': 'Revoke token ' + t.name }, 'Revoke');
        revoke.addEventListener('click', async () => {
          if (!window.confirm('Revoke the token "' + t.name + '"? Programs using it lose access at once.')) return;
          try {
            await api('/api/v1/tokens/' + encodeURIComponent(t.id), { method: 'DELETE' });
            if (fresh.token && fresh.token.id === t.id) fresh.token = null;
            await render();
            announce('Token revoked.');
          } catch (error) {
            await render(errorBox(error));
          }
        });
        return el('li', { class: 'token' }, el('span', { class: 'item-title' }, t.name),
          el('span', { class: 'muted' }, 'Created ', time(t.createdAt), ' · ',
            t.lastUsedAt ? ['last used ', time(t.lastUsedAt)] : 'never used'), ' ', revoke);
      })) : el('p', { class: 'muted', id: 'no-tokens' }, 'No tokens yet.');
      // Tokens come in pages (GET /api/v1/tokens?cursor=): "More tokens" shows the next page below the others.
      const more = next ? el('button', { type: 'button', id: 'more-tokens' }, 'More tokens') : null;
      if (more) {
        more.addEventListener('click', async () => {
          try {
            const page = await api('/api/v1/tokens?cursor=' + encodeURIComponent(next));
            if (!ctx.isCurrent()) return;
            const longer = tokensCard(tokens.concat(page.tokens), page.next);
            more.closest('section').replaceWith(longer);
            const focus = longer.querySelector('#more-tokens') || longer.querySelector('#token-list li:last-child button');
            if (focus) focus.focus();
          } catch (error) {
            await render(errorBox(error));
          }
        });
      }
      return el('section', { class: 'card', 'aria-labelledby': 'tokens-h' }, el('h2', { id: 'tokens-h' }, 'Personal API tokens'),
        el('p', {}, 'A token lets a program of yours read your fxhome data: send it as ',
          el('code', {}, 'Authorization: Bearer <token>'), ' with GET requests under ', el('code', {}, '/api/v1/'),
          '. Tokens only read: they cannot change or delete anything, nor manage tokens. Revoke one you no longer use.'),
        shown, form, el('h3', {}, 'Your tokens'), items, more);
    }

    function feedsCard(status) {
      const renew = el('button', { type: 'button', id: 'renew-feeds' }, status.active ? 'Get new feed addresses' : 'Turn on feeds');
      renew.addEventListener('click', async () => {
        if (status.active && !window.confirm('Give your feeds new addresses? The current ones stop working.')) return;
        try {
          fresh.feeds = await api('/api/v1/feeds', { method: 'POST' });
          await render();
          announce('New feed addresses made. Copy them now: they are shown only once.');
        } catch (error) {
          await render(errorBox(error));
        }
      });
      const off = status.active ? el('button', { type: 'button', class: 'danger', id: 'revoke-feeds' }, 'Turn off feeds') : null;
      if (off) {
        off.addEventListener('click', async () => {
          try {
            await api('/api/v1/feeds', { method: 'DELETE' });
            fresh.feeds = null;
            await render();
            announce('Feeds turned off.');
          } catch (error) {
            await render(errorBox(error));
          }
        });
      }
      const urls = fresh.feeds ? el('div', { class: 'notice', id: 'feed-urls' },
        secretBox('feed-bookmarks', 'New bookmarks', fresh.feeds.bookmarks),
        fresh.feeds.tabs.flatMap((d, i) => secretBox('feed-tabs-' + i, 'Tabs open on ' + (d.device || 'an unnamed device'), d.url))) : null;
      return el('section', { class: 'card', 'aria-labelledby': 'feeds-h' }, el('h2', { id: 'feeds-h' }, 'Atom feeds'),
        el('p', {}, 'Follow your new bookmarks and each device\'s open tabs in a feed reader. The feed addresses are secret: '
          + 'anyone who has one can read that feed. Getting new addresses, or turning feeds off, ends the old ones.'),
        el('p', { class: 'muted', id: 'feeds-state' }, status.active ? ['On (turned on ', time(status.createdAt), ')'] : 'Off'),
        urls, renew, ' ', off);
    }

    await render();
  }

  (window.fxhomeViews = window.fxhomeViews || []).push((app, register) => register('tokens', (token) => viewTokens(app, token)));
})();
