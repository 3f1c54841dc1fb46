// Evaluations: start an Evaluator run (conversations or WinoGrande), watch its progress, open its report.
import { getJson, el, time, poll } from './util.js';

export function evaluations(view) {
  const form = el('form', { class: 'filters' });
  const message = el('span', { class: 'muted' });
  const body = el('tbody');
  view.append(form, message, el('table', { class: 'evaluations' },
    el('thead', {}, el('tr', {}, ['Started', 'Workload', 'Model', 'State', 'Progress', 'Report'].map(h => el('th', {}, h)))), body));
  let built = false;

  return poll(async () => {
    const data = await getJson('api/evaluations');
    if (!built) { build(form, data, message); built = true; }
    body.replaceChildren(...data.runs.map(r => el('tr', { 'data-run': r.id, 'data-state': r.state },
      el('td', { class: 'muted' }, time(Date.parse(r.started))),
      el('td', {}, r.request.workload),
      el('td', {}, r.request.model),
      el('td', { class: `state-${r.state}` }, r.state),
      el('td', { class: 'muted' }, r.error ?? outcome(r.summary) ?? r.progress),
      el('td', {}, r.reportHtml ? el('a', { href: `api/evaluations/${r.id}/report`, target: '_blank' }, 'report') : ''))));
  }, 1500);
}

// A finished run's numbers (n, accuracy and its interval, tok/s…) rather than its whole summary line of file paths.
function outcome(summary) {
  if (!summary) return null;
  let parsed;
  try { parsed = JSON.parse(summary); } catch { return null; }
  const fields = Object.entries(parsed)
    .filter(([, v]) => typeof v === 'number' || (Array.isArray(v) && v.length > 0 && v.every(x => typeof x === 'number')))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.map(x => +x.toPrecision(3)).join('–') : +v.toPrecision(4)}`);
  return fields.length ? fields.join(' · ') : null;
}

async function build(form, data, message) {
  if (!data.available) {
    form.append(el('span', { class: 'muted' }, 'No Evaluator configured (Dashboard:EvaluatorPath).'));
    return;
  }
  const overview = await getJson('api/overview');
  const workload = el('select', { name: 'workload' }, data.workloads.map(w => el('option', { value: w }, w)));
  const endpoint = el('input', { name: 'endpoint', size: 32, placeholder: 'http://127.0.0.1:8080/v1', value: data.defaultEndpoint ?? '' });
  const model = el('input', { name: 'model', list: 'known-models', placeholder: 'model id' });
  const limit = el('input', { name: 'limit', type: 'number', value: 10, min: 1, style: 'width:80px' });
  const dataset = el('input', { name: 'dataset', placeholder: 'dataset (default: hub)' });
  form.append(workload, endpoint, model, el('datalist', { id: 'known-models' }, overview.models.map(m => el('option', { value: m }))),
    limit, dataset, el('button', { type: 'submit' }, 'Start'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const response = await fetch('api/evaluations', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workload: workload.value, endpoint: endpoint.value, model: model.value, limit: Number(limit.value), dataset: dataset.value || null }),
    });
    message.textContent = response.ok ? 'started' : `could not start: ${await response.text()}`;
  });
}
