import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the trend draws: a line (shares) or bars (counts) on a grid with a tooltip, rendered as SVG.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface TrendChartProps {
  labels: string[];
  values: (number | null)[];
  /** What the tooltip shows for each point: the value with its counts, formatted by the page. */
  tooltips: string[];
  kind: 'line' | 'bar';
  /** The axis label's unit suffix ('%' for shares). */
  suffix: string;
}

/** A trend by day, week or month (Apache ECharts; loaded with the drill-down page only). */
export default function TrendChart(props: TrendChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 48, right: 16, top: 16, bottom: 32 },
        tooltip: {
          trigger: 'axis',
          formatter: (params: unknown) => {
            const index = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
            return `${props.labels[index]}<br/>${props.tooltips[index] ?? ''}`;
          },
        },
        xAxis: { type: 'category', data: props.labels },
        yAxis: { type: 'value', axisLabel: { formatter: `{value}${props.suffix}` } },
        series: [
          {
            type: props.kind,
            data: props.values,
            connectNulls: false,
            showSymbol: true,
            itemStyle: { color: '#b71c1c' },
            lineStyle: { color: '#b71c1c' },
          },
        ],
      },
      true,
    );
  }, [props.labels, props.values, props.tooltips, props.kind, props.suffix]);
  return <div ref={element} className="trend-chart" data-testid="trend-chart" />;
}
