// Resources: what the IResourceStateProvider reports (the AppHost's processes, or the services seen in telemetry).
import { getJson, el, bytes, time, poll } from './util.js';

export function resources(view) {
  const body = el('tbody');
  view.append(el('table', { class: 'resources' },
    el('thead', {}, el('tr', {}, ['Name', 'Type', 'State', 'URLs', 'Restarts', 'PID', 'CPU', 'Memory', 'Last seen', ''].map(h => el('th', {}, h)))),
    body));
  return poll(async () => {
    const list = await getJson('api/resources');
    body.replaceChildren(...list.map(r => el('tr', { 'data-resource': r.name },
      el('td', {}, r.name),
      el('td', { class: 'muted' }, r.type ?? ''),
      el('td', { class: `state-${(r.state ?? '').toLowerCase()}` }, r.state),
      el('td', {}, (r.urls ?? []).map(u => el('div', {}, el('a', { href: u, target: '_blank' }, u)))),
      el('td', {}, String(r.restarts ?? 0)),
      el('td', {}, r.processId ? String(r.processId) : ''),
      el('td', {}, r.cpuPercent === null || r.cpuPercent === undefined ? '' : `${r.cpuPercent.toFixed(0)} %`),
      el('td', {}, bytes(r.memoryBytes)),
      el('td', { class: 'muted' }, r.lastSeen ? time(Date.parse(r.lastSeen)) : ''),
      el('td', {}, el('a', { href: `#/logs/${encodeURIComponent(r.serviceName ?? r.name)}` }, 'logs'), ' ',
        el('a', { href: `#/traces?service=${encodeURIComponent(r.serviceName ?? r.name)}` }, 'traces')))));
    if (list.length === 0) body.append(el('tr', {}, el('td', { colspan: 10, class: 'muted' }, 'No resources yet: nothing has sent telemetry.')));
  }, 2000);
}
