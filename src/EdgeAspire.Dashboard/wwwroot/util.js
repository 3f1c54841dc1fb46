// Small helpers shared by the pages: fetching, element building, formatting, polling.
export async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// A query string without the empty filters (the API reads an empty number as bad input).
export function query(values) {
  return new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '' && v !== null && v !== undefined));
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'style') node.style.cssText = value;
    else node.setAttribute(key, value);
  }
  node.append(...children.flat().filter(c => c !== null && c !== undefined));
  return node;
}

export function ms(value) {
  if (value === null || value === undefined) return '';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${(value * 1000).toFixed(0)} µs`;
}

export function bytes(value) {
  if (value === null || value === undefined) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  while (value >= 1024 && i < units.length - 1) { value /= 1024; i++; }
  return `${value.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export const time = t => new Date(t).toLocaleTimeString([], { hour12: false }) + '.' + String(Math.floor(t % 1000)).padStart(3, '0');

// Runs tick now and every `interval` ms until the returned stop function is called.
export function poll(tick, interval) {
  let timer = null;
  let stopped = false;
  const run = async () => {
    try { await tick(); } catch (e) { console.warn(e); }
    if (!stopped) timer = setTimeout(run, interval);
  };
  run();
  return () => { stopped = true; clearTimeout(timer); };
}

export function options(select, values, keep) {
  const current = keep ?? select.value;
  select.replaceChildren(el('option', { value: '' }, select.dataset.all ?? 'all'), ...values.map(v => el('option', { value: v }, v)));
  select.value = values.includes(current) ? current : '';
}
