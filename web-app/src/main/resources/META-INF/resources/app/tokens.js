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
    link.textContent = window.fxhomeI18n.t('nav_tokens');
    nav.append(link);
  }

  async function viewTokens(app, token) {
    const { el, api, show, time, errorBox, announce } = app;
    const { t, parts } = window.fxhomeI18n;
    const ctx = { isCurrent: () => app.isCurrent(token) };
    // What this visit made, shown until the person leaves the view.
    const fresh = { token: null, feeds: null };

    async function render(message) {
      const [list, feeds] = await Promise.all([api('/api/v1/tokens'), api('/api/v1/feeds')]);
      if (!ctx.isCurrent()) return;
      show(t('tokens_title'), message || null, tokensCard(list.tokens, list.next), feedsCard(feeds));
    }

    function secretBox(id, label, value) {
      const field = el('input', { type: 'text', id, readonly: true, value, spellcheck: 'false', autocomplete: 'off' });
      field.addEventListener('focus', () => field.select());
      return [el('label', { for: id }, label), field];
    }

    function tokensCard(tokens, next) {
      const name = el('input', { type: 'text', id: 'token-name', name: 'name', maxlength: 100, required: true, autocomplete: 'off' });
      const form = el('form', { id: 'token-form' }, el('label', { for: 'token-name' }, t('token_name_label')), name,
        el('button', { type: 'submit', id: 'create-token' }, t('create_token')));
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          const created = await api('/api/v1/tokens', { method: 'POST', body: { name: name.value } });
          fresh.token = { id: created.id, name: name.value.trim(), token: created.token };
          await render();
          announce(t('app_token_created'));
          const field = document.getElementById('new-token');
          if (field) field.focus();
        } catch (error) {
          await render(errorBox(error));
        }
      });
      const shown = fresh.token ? el('div', { class: 'notice', id: 'new-token-box', role: 'status' },
        secretBox('new-token', t('new_token_label', { name: fresh.token.name }), fresh.token.token)) : null;
      const items = tokens.length ? el('ul', { class: 'list', id: 'token-list' }, tokens.map((item) => {
        const revoke = el('button', { type: 'button', class: 'danger', 'aria-label': t('app_revoke_token', { name: item.name }) }, t('app_revoke'));
        revoke.addEventListener('click', async () => {
          if (!window.confirm(t('app_revoke_confirm', { name: item.name }))) return;
          try {
            await api('/api/v1/tokens/' + encodeURIComponent(item.id), { method: 'DELETE' });
            if (fresh.token && fresh.token.id === item.id) fresh.token = null;
            await render();
            announce(t('token_revoked'));
          } catch (error) {
            await render(errorBox(error));
          }
        });
        return el('li', { class: 'token' }, el('span', { class: 'item-title' }, item.name),
          el('span', { class: 'muted' }, parts('app_token_created_at', { when: time(item.createdAt) }), ' · ',
            item.lastUsedAt ? parts('token_last_used', { when: time(item.lastUsedAt) }) : t('token_never_used')), ' ', revoke);
      })) : el('p', { class: 'muted', id: 'no-tokens' }, t('no_tokens'));
      // Tokens come in pages (GET /api/v1/tokens?cursor=): "More tokens" shows the next page below the others.
      const more = next ? el('button', { type: 'button', id: 'more-tokens' }, t('app_more_tokens')) : null;
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
      return el('section', { class: 'card', 'aria-labelledby': 'tokens-h' }, el('h2', { id: 'tokens-h' }, t('tokens_heading')),
        el('p', {}, t('tokens_intro_1') + ' ',
          el('code', {}, 'Authorization: Bearer <token>'), ' ' + t('tokens_intro_2') + ' ', el('code', {}, '/api/v1/'),
          '. ' + t('tokens_intro_3') + ' ' + t('app_tokens_revoke_unused')),
        shown, form, el('h3', {}, t('your_tokens')), items, more);
    }

    function feedsCard(status) {
      const renew = el('button', { type: 'button', id: 'renew-feeds' }, status.active ? t('feeds_renew') : t('feeds_turn_on'));
      renew.addEventListener('click', async () => {
        if (status.active && !window.confirm(t('app_feeds_renew_confirm'))) return;
        try {
          fresh.feeds = await api('/api/v1/feeds', { method: 'POST' });
          await render();
          announce(t('app_feeds_made'));
        } catch (error) {
          await render(errorBox(error));
        }
      });
      const off = status.active ? el('button', { type: 'button', class: 'danger', id: 'revoke-feeds' }, t('feeds_turn_off')) : null;
      if (off) {
        off.addEventListener('click', async () => {
          try {
            await api('/api/v1/feeds', { method: 'DELETE' });
            fresh.feeds = null;
            await render();
            announce(t('app_feeds_off'));
          } catch (error) {
            await render(errorBox(error));
          }
        });
      }
      const urls = fresh.feeds ? el('div', { class: 'notice', id: 'feed-urls' },
        secretBox('feed-bookmarks', t('feed_new_bookmarks'), fresh.feeds.bookmarks),
        fresh.feeds.tabs.flatMap((d, i) => secretBox('feed-tabs-' + i, t('feed_tabs_on', { device: d.device || t('unnamed_device_lower') }), d.url))) : null;
      return el('section', { class: 'card', 'aria-labelledby': 'feeds-h' }, el('h2', { id: 'feeds-h' }, t('feeds_heading')),
        el('p', {}, t('feeds_intro')),
        el('p', { class: 'muted', id: 'feeds-state' }, status.active ? parts('app_feeds_on', { when: time(status.createdAt) }) : t('app_feeds_off_state')),
        urls, renew, ' ', off);
    }

    await render();
  }

  (window.fxhomeViews = window.fxhomeViews || []).push((app, register) => register('tokens', (token) => viewTokens(app, token)));
})();
