import ReactEChartsCoreModule from 'echarts-for-react/lib/core.js';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, MarkAreaComponent, TitleComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { CSSProperties } from 'react';

// Only the chart types the console uses, to keep the bundle small.
echarts.use([BarChart, CustomChart, ScatterChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, MarkAreaComponent, TitleComponent, DataZoomComponent, CanvasRenderer]);

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
}

export function Chart({ option, style, onClick, testId }: ChartProps) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        // No animation: the console reads figures, and screenshots come out settled.
        option={{ animation: false, ...(option as object) }}
        notMerge
        style={{ height: 320, width: '100%', ...style }}
        {...(onClick ? { onEvents: { click: onClick } } : {})}
      />
    </div>
  );
}
