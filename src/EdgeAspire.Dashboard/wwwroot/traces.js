// Traces: the list (filters by service, model, status, duration) and one trace as a waterfall.
import { getJson, el, ms, time, poll, options, query } from './util.js';
import { waterfall } from './waterfall.js';

export function traces(view, _, params) {
  const service = el('select', { name: 'service', 'data-all': 'all services' });
  const model = el('select', { name: 'model', 'data-all': 'all models' });
  const status = el('select', { name: 'status' }, [['', 'any status'], ['ok', 'ok'], ['error', 'error']].map(([v, t]) => el('option', { value: v }, t)));
  const minMs = el('input', { type: 'number', name: 'minMs', placeholder: 'min ms', style: 'width:90px' });
  const maxMs = el('input', { type: 'number', name: 'maxMs', placeholder: 'max ms', style: 'width:90px' });
  const body = el('tbody');
  view.append(el('div', { class: 'filters' }, service, model, status, minMs, maxMs),
    el('table', { class: 'traces' }, el('thead', {}, el('tr', {}, ['Start', 'Name', 'Services', 'Model', 'Spans', 'Duration', 'Status'].map(h => el('th', {}, h)))), body));
  options(service, params.get('service') ? [params.get('service')] : [], params.get('service'));
  options(model, [], '');

  const tick = async () => {
    const overview = await getJson('api/overview');
    options(service, overview.services);
    options(model, overview.models);
    const filters = query({ service: service.value, model: model.value, status: status.value, minMs: minMs.value, maxMs: maxMs.value });
    const list = await getJson(`api/traces?${filters}`);
    body.replaceChildren(...list.map(t => el('tr', { class: 'clickable', 'data-trace-id': t.traceId, onclick: () => { location.hash = `#/traces/${t.traceId}`; } },
      el('td', { class: 'muted' }, time(t.startMs)),
      el('td', {}, t.name),
      el('td', {}, t.services.join(', ')),
      el('td', {}, t.models.join(', ')),
      el('td', {}, String(t.spans)),
      el('td', {}, ms(t.durationMs)),
      el('td', { class: t.error ? 'error' : 'ok' }, t.error ? 'error' : 'ok'))));
  };
  [service, model, status, minMs, maxMs].forEach(c => c.addEventListener('change', () => tick().catch(console.warn)));
  return poll(tick, 2000);
}

export function trace(view, traceId) {
  const header = el('div', { class: 'filters' }, el('a', { href: '#/traces' }, '← traces'), el('span', { class: 'muted' }, `trace ${traceId}`));
  const holder = el('div');
  const details = el('div', { class: 'details' }, el('span', { class: 'muted' }, 'Select a span for its attributes and events.'));
  view.append(header, holder, details);
  let spans = [];
  let zoom = null;
  const render = () => holder.replaceChildren(waterfall(spans, span => details.replaceChildren(spanDetails(span, setZoom)), zoom));
  const setZoom = window => { zoom = window; render(); };
  // Spans are exported as they end, so a trace may still be filling in: refresh until its span count settles.
  return poll(async () => {
    const response = await fetch(`api/traces/${traceId}`);
    if (!response.ok) { holder.replaceChildren(el('p', { class: 'muted' }, 'This trace is not (or no longer) in memory.')); return; }
    const data = await response.json();
    if (data.spans.length === spans.length) return;
    spans = data.spans;
    render();
  }, 2000);
}

function spanDetails(span, setZoom) {
  const rows = [['name', span.name], ['service', span.service], ['duration', ms(span.durationMs)], ['start', `+${ms(span.offsetMs)}`],
    ['status', span.error ? `error ${span.statusMessage}` : 'ok'], ...Object.entries(span.attributes).map(([k, v]) => [k, JSON.stringify(v)])];
  const events = span.events.length ? el('p', { class: 'muted' }, `${span.events.length} events: `,
    span.events.slice(0, 200).map(e => `${e.name} +${ms(e.offsetMs - span.offsetMs)}`).join(', ')) : null;
  const zoom = el('div', { class: 'filters' },
    el('button', { type: 'button', class: 'zoom', onclick: () => setZoom({ from: span.offsetMs, to: span.offsetMs + Math.max(span.durationMs, 0.001) }) }, 'Zoom to this span'),
    el('button', { type: 'button', class: 'unzoom', onclick: () => setZoom(null) }, 'Whole trace'));
  return el('div', {}, zoom, el('table', {}, rows.map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, String(v))))), events);
}
