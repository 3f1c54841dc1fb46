// A minimal SVG line chart: series of [time ms, value] points on a shared time axis.
const ns = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
  const node = document.createElementNS(ns, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

export function lineChart(series, { unit = '', width = 440, height = 140 } = {}) {
  const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none' });
  const points = series.flatMap(s => s.points);
  const pad = { left: 72, right: 8, top: 8, bottom: 18 };
  chart.append(svg('line', { class: 'axis', x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }));
  if (points.length === 0) {
    const empty = svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' });
    empty.textContent = 'no data yet';
    chart.append(empty);
    return chart;
  }
  const t0 = Math.min(...points.map(p => p[0])), t1 = Math.max(...points.map(p => p[0]));
  const top = Math.max(...points.map(p => p[1])) * 1.1 || 1;
  const x = t => pad.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = v => height - pad.bottom - (v / top) * (height - pad.top - pad.bottom);
  for (const [label, value] of [[top.toPrecision(3), top], ['0', 0]]) {
    const text = svg('text', { x: pad.left - 4, y: y(value) + 3, 'text-anchor': 'end' });
    text.textContent = `${label} ${value ? unit : ''}`.trim();
    chart.append(text);
  }
  const span = svg('text', { x: width - pad.right, y: height - 4, 'text-anchor': 'end' });
  span.textContent = `last ${((t1 - t0) / 1000).toFixed(0)} s`;
  chart.append(span);
  series.forEach((s, i) => {
    const cls = i ? ' second' : '';
    chart.append(svg('polyline', { class: 'line' + cls, points: s.points.map(p => `${x(p[0])},${y(p[1])}`).join(' ') }));
    s.points.forEach(p => chart.append(svg('circle', { class: 'dot' + cls, cx: x(p[0]), cy: y(p[1]), r: 2 })));
  });
  return chart;
}
