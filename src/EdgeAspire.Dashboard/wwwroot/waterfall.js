// One trace as a waterfall: a row per span in tree order, its bar placed on the trace's time axis; the token
// stages get their own colours, and each event (the decode span's "token" events) is a tick on its bar, so the
// gaps between tokens are visible.
import { el, ms } from './util.js';

const stages = new Set(['queue', 'model.load', 'tokenize', 'prefill', 'decode', 'detokenize']);

// `window` ({ from, to } in ms from the trace start) zooms in: a decode span is often a sliver of a trace that
// loaded a model, and its token ticks only separate when it fills the width.
export function waterfall(spans, select, window = null) {
  const from = window?.from ?? 0;
  const to = window?.to ?? Math.max(...spans.map(s => s.offsetMs + s.durationMs), 0.001);
  const total = Math.max(to - from, 0.001);
  const pct = value => `${((value - from) / total * 100).toFixed(4)}%`;
  const width = value => `${(value / total * 100).toFixed(4)}%`;
  return el('div', { class: window ? 'waterfall zoomed' : 'waterfall' }, spans.map(span => {
    const stage = stages.has(span.name) ? ` stage-${span.name.replace('.', '-')}` : '';
    const ticks = span.durationMs > 0 ? span.events.map(e => el('span', {
      class: 'tick', title: `${e.name} +${ms(e.offsetMs - span.offsetMs)}`,
      style: `left:${((e.offsetMs - span.offsetMs) / span.durationMs * 100).toFixed(4)}%`,
    })) : [];
    const bar = el('div', { class: `bar${stage}${span.error ? ' error' : ''}`, style: `left:${pct(span.offsetMs)};width:${width(span.durationMs)}`,
      title: `${span.name} ${ms(span.durationMs)}` }, ticks);
    const label = el('div', { class: 'label', style: `padding-left:${8 + span.depth * 14}px` },
      span.name, ' ', el('span', { class: 'muted' }, span.service));
    const duration = el('span', { class: 'duration', style: `left:calc(${pct(span.offsetMs + span.durationMs)} + 4px)` }, ms(span.durationMs));
    return el('div', { class: 'row', 'data-span-name': span.name, 'data-span-id': span.spanId, onclick: () => select(span) },
      label, el('div', { class: 'track' }, bar, duration));
  }));
}
