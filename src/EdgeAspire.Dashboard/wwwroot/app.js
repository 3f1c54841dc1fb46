// The router: one page module per tab, each with render(view, arg) returning a stop function for its polling.
import { resources } from './resources.js';
import { logs } from './logs.js';
import { traces, trace } from './traces.js';
import { models } from './models.js';
import { evaluations } from './evaluations.js';
import { getJson } from './util.js';

const pages = { resources, logs, traces, trace, models, evaluations };
let stop = () => {};

function route() {
  stop();
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [page = 'resources', ...rest] = path.split('/');
  const arg = rest.join('/');
  const name = page === 'traces' && arg ? 'trace' : page || 'resources';
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
  const view = document.getElementById('view');
  view.replaceChildren();
  stop = (pages[name] ?? resources)(view, decodeURIComponent(arg), new URLSearchParams(query)) ?? (() => {});
  // Else the header could say "0 spans" above a trace that arrived since its last 5 s tick.
  counts();
}

async function counts() {
  try {
    const o = await getJson('api/overview');
    document.getElementById('counts').textContent =
      `${o.counts.spans} spans · ${o.counts.logs} logs · ${o.counts.metricPoints} metric points received`;
  } catch { /* the next tick retries */ }
}

window.addEventListener('hashchange', route);
route();
setInterval(counts, 5000);
