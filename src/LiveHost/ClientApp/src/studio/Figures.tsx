// Live figures: RoomStats polled every few seconds, and a chart of viewers, likes, orders and GMV per
// minute (differences between samples a minute apart) that grows as they change. Plus the chat export.
import { useEffect, useState } from 'preact/hooks';
import type { RoomStore } from '../lib/roomStore';
import type { RoomStats } from '../lib/types';
import { download, http } from '../lib/api';
import { currentLang, t } from '../lib/i18n';
import { money } from '../lib/format';

interface Sample { at: number; stats: RoomStats }
const POLL_MS = 3000;
const KEEP = 600; // 30 minutes of samples

/** Per-minute rate of a counter at each sample: the change over the last minute. */
function perMinute(samples: Sample[], pick: (s: RoomStats) => number): number[] {
  return samples.map((s, i) => {
    let j = i;
    while (j > 0 && s.at - samples[j - 1].at <= 60_000) j--;
    const span = (s.at - samples[j].at) / 60_000;
    return span > 0 ? (pick(s.stats) - pick(samples[j].stats)) / span : 0;
  });
}

function Chart({ series }: { series: { name: string; color: string; values: number[] }[] }) {
  const w = 320, h = 120;
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h + 16}`} role="img" data-testid="chart">
      {series.map((s, k) => {
        const max = Math.max(1, ...s.values);
        const n = Math.max(2, s.values.length);
        const points = s.values.map((v, i) => `${((i / (n - 1)) * w).toFixed(1)},${(h - (v / max) * (h - 4)).toFixed(1)}`).join(' ');
        return (
          <g key={s.name}>
            <polyline fill="none" stroke={s.color} stroke-width="2" points={points} />
            <text x={4 + k * 80} y={h + 13} fill={s.color} font-size="10">{s.name}</text>
          </g>
        );
      })}
    </svg>
  );
}

export function Figures({ store }: { store: RoomStore }) {
  const [samples, setSamples] = useState<Sample[]>([]);
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const stats = await http<RoomStats>('GET', `/api/rooms/${encodeURIComponent(store.roomId)}/stats`);
        if (!stop) setSamples(s => [...s.slice(-KEEP + 1), { at: Date.now(), stats }]);
      } catch { /* not the host, or the server is busy: try again */ }
    };
    void poll();
    const id = setInterval(poll, POLL_MS);
    return () => { stop = true; clearInterval(id); };
  }, [store.roomId]);
  const last = samples[samples.length - 1]?.stats;
  const currency = store.products.values().next().value?.currency ?? 'USD';
  const exportChat = () => store.act(() => download(`/api/rooms/${encodeURIComponent(store.roomId)}/comments.csv`, `${store.roomId}-comments.csv`));
  return (
    <section class="card" data-testid="figures">
      <h2>{t('studio.figures')}</h2>
      {last && (
        <dl class="figures">
          <div><dt>{t('room.viewers', { count: '' })}</dt><dd data-testid="fig-viewers">{last.viewersNow}</dd></div>
          <div><dt>{t('room.likes', { count: '' })}</dt><dd>{last.likes}</dd></div>
          <div><dt>{t('studio.comments')}</dt><dd>{last.comments}</dd></div>
          <div><dt>{t('studio.orders')}</dt><dd data-testid="fig-orders">{last.orders}</dd></div>
          <div><dt>{t('studio.units')}</dt><dd>{last.unitsSold}</dd></div>
          <div><dt>{t('studio.gmv')}</dt><dd data-testid="fig-gmv">{money(last.gmv, currency, currentLang())}</dd></div>
          <div><dt>{t('studio.conversion')}</dt><dd>{(last.conversionRate * 100).toFixed(1)}%</dd></div>
        </dl>
      )}
      <Chart series={[
        { name: t('room.viewers', { count: '' }).trim(), color: '#4cc9f0', values: samples.map(s => s.stats.viewersNow) },
        { name: `${t('room.likes', { count: '' }).trim()}/min`, color: '#f72585', values: perMinute(samples, s => s.likes) },
        { name: `${t('studio.orders')}/min`, color: '#ffd166', values: perMinute(samples, s => s.orders) },
        { name: `${t('studio.gmv')}/min`, color: '#06d6a0', values: perMinute(samples, s => s.gmv) },
      ]} />
      <button class="ghost small" data-testid="export" onClick={exportChat}>{t('studio.export')}</button>
    </section>
  );
}
