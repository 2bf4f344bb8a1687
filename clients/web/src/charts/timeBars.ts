import { graphic } from 'echarts/core';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from 'echarts';

/**
 * renderItem of an echarts custom series drawing time bars (Gantt, state timelines):
 * each datum is [categoryIndex, startMs, endMs, …]; the bar fills 60 % of the row and
 * is clipped to the grid.
 */
export function timeBarRenderItem(params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn {
  const row = api.value(0);
  const start = api.coord([api.value(1), row]) as number[];
  const end = api.coord([api.value(2), row]) as number[];
  const height = (api.size?.([0, 1]) as number[])[1]! * 0.6;
  const grid = params.coordSys as unknown as { x: number; y: number; width: number; height: number };
  const shape = graphic.clipRectByRect(
    { x: start[0]!, y: start[1]! - height / 2, width: Math.max(2, end[0]! - start[0]!), height },
    { x: grid.x, y: grid.y, width: grid.width, height: grid.height },
  );
  if (!shape) return null;
  return { type: 'rect', transition: ['shape'], shape, style: api.style() } as CustomSeriesRenderItemReturn;
}

export const DAY_MS = 86_400_000;

/** Milliseconds of a YYYY-MM-DD date (UTC midnight). */
export function dayMs(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`);
}
