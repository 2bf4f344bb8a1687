import ReactEChartsCoreModule from 'echarts-for-react/lib/core.js';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  MarkLineComponent,
  MarkAreaComponent,
  TitleComponent,
  DataZoomComponent,
} from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { CSSProperties } from 'react';

// Only the chart types the console uses, to keep the bundle small.
echarts.use([
  BarChart,
  CustomChart,
  ScatterChart,
  HeatmapChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  MarkLineComponent,
  MarkAreaComponent,
  TitleComponent,
  DataZoomComponent,
  CanvasRenderer,
  SVGRenderer,
]);

// echarts-for-react ships CommonJS: under NodeNext typing the default import is the
// module object, while bundlers hand over the class itself. Accept both.
type ReactEChartsCoreClass = (typeof ReactEChartsCoreModule)['default'];
const ReactEChartsCore: ReactEChartsCoreClass =
  (ReactEChartsCoreModule as unknown as { default?: ReactEChartsCoreClass }).default ?? (ReactEChartsCoreModule as unknown as ReactEChartsCoreClass);

export type ChartOption = Parameters<echarts.ECharts['setOption']>[0];

interface ChartProps {
  option: ChartOption;
  style?: CSSProperties;
  onClick?(params: { data?: unknown; name?: string; seriesName?: string; value?: unknown }): void;
  testId?: string;
  /**
   * 'svg' for charts whose labels matter (axis names, due lines): text stays text, sharp at
   * any zoom, and its layout can be checked (the browser tests assert that labels do not
   * overlap). Canvas for dense, live or clickable charts.
   */
  renderer?: 'canvas' | 'svg';
}

export function Chart({ option, style, onClick, testId, renderer = 'canvas' }: ChartProps) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        // No animation: the console reads figures, and screenshots come out settled.
        option={{ animation: false, ...(option as object) }}
        notMerge
        opts={{ renderer }}
        style={{ height: 320, width: '100%', ...style }}
        {...(onClick ? { onEvents: { click: onClick } } : {})}
      />
    </div>
  );
}
