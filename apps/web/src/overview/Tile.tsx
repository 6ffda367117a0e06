import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Figures, TargetStatusEntry } from '../api/types';
import { formatPoints, formatRatio, formatShare, formatShareGap } from '../format/format';
import { useLanguage } from '../i18n/i18n';

/** A tile: a title, its figures, and where it drills down to. */
export function Tile(props: {
  id: string;
  title: string;
  href?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <section
      className={props.wide ? 'tile tile-wide' : 'tile'}
      data-testid={props.id}
      aria-label={props.title}
    >
      <h2>{props.href ? <Link href={props.href}>{props.title}</Link> : props.title}</h2>
      {props.children}
    </section>
  );
}

/** A share with its counts beside it (and in the hover title): 52,3% · 1.234 / 2.360. */
export function ShareFigure(props: { figures: Figures; label?: string; testId: string; big?: boolean }) {
  const { language } = useLanguage();
  const ratio = formatRatio(props.figures, language);
  return (
    <div className={props.big ? 'figure figure-big' : 'figure'} data-testid={props.testId} title={ratio}>
      {props.label ? <span className="figure-label">{props.label}</span> : null}
      <span className="value">{formatShare(props.figures.value, language)}</span>
      <span className="ratio">{ratio}</span>
    </div>
  );
}

/** A growth in percentage points, with the shares it compares on hover. */
export function PointsFigure(props: { points: number | null; hover: string; label: string; testId: string }) {
  const { language } = useLanguage();
  return (
    <div className="figure" data-testid={props.testId} title={props.hover}>
      <span className="figure-label">{props.label}</span>
      <span className="value">{formatPoints(props.points, language)}</span>
    </div>
  );
}

export const COMPARATOR_SIGNS = { '>=': '≥', '>': '>', '<=': '≤', '<': '<' } as const;

/** Where a figure stands against its target: status, threshold, gap, and what the rest of the period needs. */
export function TargetLine(props: { entry: TargetStatusEntry | null; unit: 'share' | 'percentage_points' }) {
  const { t, language } = useLanguage();
  const { entry } = props;
  if (!entry) return <p className="target target-none">{t('overview.noTarget')}</p>;
  const threshold =
    props.unit === 'share' ? formatShare(entry.threshold, language) : formatPoints(entry.threshold, language);
  const gap =
    props.unit === 'share' ? formatShareGap(entry.gap, language) : formatPoints(entry.gap, language);
  const projection = entry.projection;
  return (
    <div className={`target target-${entry.status}`} data-testid={`target-${entry.target.key}`}>
      <span className="status">{t(`target.status.${entry.status}`)}</span>
      <span>{t('target.label', { comparator: COMPARATOR_SIGNS[entry.target.comparator], threshold })}</span>
      {entry.gap !== null ? <span>{t('target.gap', { gap })}</span> : null}
      {projection?.projectedValue !== null && projection?.projectedValue !== undefined ? (
        <span>{t('target.projected', { value: formatShare(projection.projectedValue, language) })}</span>
      ) : null}
      {projection?.requiredShareOfRemaining !== null && projection?.requiredShareOfRemaining !== undefined ? (
        projection.requiredShareOfRemaining > 1 ? (
          <span>{t('target.unreachable')}</span>
        ) : (
          <span>
            {t('target.required', {
              share: formatShare(Math.max(0, projection.requiredShareOfRemaining), language),
            })}
          </span>
        )
      ) : null}
    </div>
  );
}
