// The page's message list: errors, notes and offers (buttons) a person can read and dismiss.
// Text only (textContent), never HTML; at most 6 shown, newest first.
import { $ } from './page.js';

export function showMessage(text, { kind = 'error', actions = [], id } = {}) {
  const list = $('messages');
  if (id) for (const old of list.querySelectorAll('li[data-id]')) if (old.dataset.id === id) old.remove();
  const li = document.createElement('li');
  li.className = `message ${kind}`;
  if (id) li.dataset.id = id;
  li.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const span = document.createElement('span');
  span.textContent = text;
  li.appendChild(span);
  for (const a of actions) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = a.label;
    b.addEventListener('click', () => { li.remove(); a.run(); });
    li.appendChild(b);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'dismiss';
  close.setAttribute('aria-label', 'Dismiss message');
  close.textContent = '×';
  close.addEventListener('click', () => li.remove());
  li.appendChild(close);
  list.prepend(li);
  while (list.children.length > 6) list.lastChild.remove();
}

// Removes the message with this id, if shown.
export function clearMessage(id) {
  for (const old of $('messages').querySelectorAll('li[data-id]')) if (old.dataset.id === id) old.remove();
}
