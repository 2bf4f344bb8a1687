/** Sum and count of a Prometheus histogram (all label sets together) on a service's /metrics. */
export async function histogramTotals(origin: string, token: string, metric: string, labelFilter = ''): Promise<{ sum: number; count: number }> {
  const res = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${origin}/metrics: HTTP ${res.status}`);
  const text = await res.text();
  let sum = 0;
  let count = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.includes(labelFilter)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (line.startsWith(`${metric}_sum`)) sum += value;
    else if (line.startsWith(`${metric}_count`)) count += value;
  }
  return { sum, count };
}
