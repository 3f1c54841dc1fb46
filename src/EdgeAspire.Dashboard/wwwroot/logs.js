// Logs: live (polls for records after the last sequence seen), filtered by service and level, searched by text.
import { getJson, el, time, poll, options, query } from './util.js';

const levels = [['', 'any level'], ['5', 'debug+'], ['9', 'info+'], ['13', 'warn+'], ['17', 'error+']];
const maxRows = 2000;

export function logs(view, service) {
  const services = el('select', { 'data-all': 'all services', name: 'service' });
  const level = el('select', { name: 'level' }, levels.map(([v, t]) => el('option', { value: v }, t)));
  const search = el('input', { type: 'search', placeholder: 'search', name: 'search' });
  const body = el('tbody');
  let last = 0;
  // A filter change while a poll is in flight must not let that poll's answer (for the old filter) set `last`,
  // or the new filter would only ever see records newer than it: answers of an older generation are dropped.
  let generation = 0;
  const restart = () => { last = 0; generation++; body.replaceChildren(); };
  [services, level].forEach(s => s.addEventListener('change', restart));
  search.addEventListener('input', restart);
  view.append(el('div', { class: 'filters' }, services, level, search),
    el('table', { class: 'logs' }, el('thead', {}, el('tr', {}, ['Time', 'Service', 'Level', 'Message', 'Trace'].map(h => el('th', {}, h)))), body));
  options(services, service ? [service] : [], service);

  return poll(async () => {
    const overview = await getJson('api/overview');
    options(services, overview.services);
    const asked = generation;
    const filters = query({ after: last, service: services.value, minSeverity: level.value, search: search.value });
    const page = await getJson(`api/logs?${filters}`);
    if (asked !== generation) return;
    last = page.last;
    body.prepend(...page.records.reverse().map(r => el('tr', { 'data-sequence': r.sequence },
      el('td', { class: 'muted' }, time(r.timeMs)),
      el('td', {}, r.service),
      el('td', { class: r.severity >= 17 ? 'error' : r.severity >= 13 ? 'warn' : '' }, r.level),
      el('td', { class: 'body' }, r.body),
      el('td', {}, r.traceId ? el('a', { href: `#/traces/${r.traceId}` }, r.traceId.slice(0, 8)) : ''))));
    while (body.rows.length > maxRows) body.deleteRow(-1);
  }, 1000);
}
