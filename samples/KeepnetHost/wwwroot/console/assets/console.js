// The console's only script (the Content-Security-Policy allows no inline script): copy buttons, confirmations,
// and the live check of SCIM attribute paths by the host's parser. Everything it shows is set as text, never as HTML.
'use strict';

document.addEventListener('click', event => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  const text = source ? source.textContent.trim() : '';
  const done = () => { button.textContent = 'Copied'; setTimeout(() => { button.textContent = 'Copy'; }, 2000); };
  const select = () => { const range = document.createRange(); range.selectNodeContents(source); getSelection().removeAllRanges(); getSelection().addRange(range); };
  if (navigator.clipboard) navigator.clipboard.writeText(text).then(done, select); else select();
});

document.addEventListener('submit', event => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

for (const input of document.querySelectorAll('input[data-validate-path]')) {
  let timer;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => checkPath(input), 250); });
}

async function checkPath(input) {
  const target = document.getElementById(input.dataset.validatePath);
  const path = input.value;
  if (path.trim() === '') { target.replaceChildren(); input.removeAttribute('aria-invalid'); return; }
  let result;
  try {
    const response = await fetch(input.dataset.validateUrl + '&path=' + encodeURIComponent(path), { headers: { Accept: 'application/json' } });
    if (!response.ok || response.redirected) return;
    result = await response.json();
  } catch { return; }
  if (input.value !== path) return;
  if (result.valid) {
    const ok = document.createElement('span');
    ok.className = 'ok';
    ok.textContent = '✓ valid SCIM path';
    target.replaceChildren(ok);
    input.removeAttribute('aria-invalid');
    return;
  }
  const detail = document.createElement('span');
  detail.className = 'detail';
  detail.textContent = result.detail;
  const parts = [detail];
  if (result.position) {
    const caret = document.createElement('pre');
    caret.className = 'caret';
    caret.textContent = path + '\n' + ' '.repeat(Math.max(0, result.position - 1)) + '^';
    parts.push(caret);
  }
  target.replaceChildren(...parts);
  input.setAttribute('aria-invalid', 'true');
}
