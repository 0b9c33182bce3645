// fxhome HTML5 app: "Send to device" on every item with a web address (bookmarks, history, tabs, search results, the
// inbox, a page's story), added to app.js's target() through window.fxhomeViews' itemAction. A button opens a small
// panel under the item: the account's devices that take tabs (GET /api/v1/send-tab/devices) as a labelled list, a Send
// button (POST /api/v1/send-tab) and a message that says what happened. Device names are synced text: el() only.
'use strict';
(() => {
  const { t } = window.fxhomeI18n;
  let panelCount = 0;

  (window.fxhomeViews = window.fxhomeViews || []).push((app) => {
    const { el, api, announce } = app;
    // The device list is asked of Mozilla each time a panel opens, at most once every 30 seconds.
    let devices = null;
    let devicesAt = 0;

    async function loadDevices() {
      if (!devices || Date.now() - devicesAt > 30000) {
        devices = (await api('/api/v1/send-tab/devices')).devices;
        devicesAt = Date.now();
      }
      return devices;
    }

    function message(node, text, kind) {
      node.className = 'send-message ' + kind;
      node.textContent = text;
      announce(text);
    }

    app.itemAction((title, url, shownTitle) => {
      const id = 'send-panel-' + (++panelCount);
      const button = el('button', { type: 'button', class: 'secondary send-button', 'aria-expanded': 'false', 'aria-controls': id,
        'aria-label': t('app_send_to_device', { title: shownTitle }) }, t('send_title'));
      const holder = el('div', { class: 'send-holder' }, button);
      let panel = null;

      function close() {
        if (panel) panel.remove();
        panel = null;
        button.setAttribute('aria-expanded', 'false');
      }

      async function open() {
        const output = el('p', { class: 'send-message', role: 'status' }, t('app_send_loading'));
        panel = el('div', { class: 'send-panel', id, role: 'group', 'aria-label': t('app_send_to_device', { title: shownTitle }) }, output);
        panel.addEventListener('keydown', (e) => {
          if (e.key === 'Escape') {
            close();
            button.focus();
          }
        });
        holder.append(panel);
        button.setAttribute('aria-expanded', 'true');
        const mine = panel;
        let list;
        try {
          list = await loadDevices();
        } catch (error) {
          if (panel === mine) message(output, error.message || String(error), 'error');
          return;
        }
        if (panel !== mine) return;
        if (!list.length) {
          message(output, t('send_no_devices'), 'muted');
          return;
        }
        const selectId = id + '-device';
        const select = el('select', { id: selectId, class: 'send-device' },
          list.map((d) => el('option', { value: d.id }, (d.name || t('unnamed_device')) + (d.type ? ' (' + d.type + ')' : ''))));
        const send = el('button', { type: 'submit', class: 'send-submit' }, t('send_button'));
        const cancel = el('button', { type: 'button', class: 'secondary send-cancel' }, t('app_cancel'));
        cancel.addEventListener('click', () => { close(); button.focus(); });
        const form = el('form', { class: 'send-form' }, el('label', { for: selectId }, t('send_to')), ' ', select, ' ', send, ' ', cancel);
        form.addEventListener('submit', async (e) => {
          e.preventDefault();
          send.disabled = true;
          message(output, t('app_sending'), 'muted');
          try {
            const answer = await api('/api/v1/send-tab', { method: 'POST', body: { deviceId: select.value, url, title } });
            const sentTo = t('send_sent', { device: answer.device && answer.device.name ? answer.device.name : t('send_your_device') });
            message(output, sentTo + (answer.titleShortened ? ' ' + t('send_title_shortened') : ''), 'notice');
          } catch (error) {
            if (error.problem && error.problem.code === 'unknown-device') devices = null; // the list changed
            message(output, error.message || String(error), 'error');
          } finally {
            send.disabled = false;
          }
        });
        output.textContent = '';
        panel.prepend(form);
        select.focus();
      }

      button.addEventListener('click', (e) => {
        e.preventDefault();
        if (panel) close(); else open();
      });
      return holder;
    });
  });
})();
