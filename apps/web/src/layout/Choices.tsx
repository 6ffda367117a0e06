import { indicatorName, useIndicatorDefinitions } from '../api/indicators';
import { useLanguage } from '../i18n/i18n';

/** A row of tabs, one chosen: `testId-value` names each. */
export function Tabs<Value extends string>(props: {
  values: readonly Value[];
  chosen: Value;
  label: (value: Value) => string;
  onChoose: (value: Value) => void;
  testId: string;
  ariaLabel?: string;
  className?: string;
}) {
  return (
    <div
      className={props.className ? `tabs ${props.className}` : 'tabs'}
      role="tablist"
      aria-label={props.ariaLabel}
    >
      {props.values.map((value) => (
        <button
          key={value}
          type="button"
          role="tab"
          aria-selected={value === props.chosen}
          data-testid={`${props.testId}-${value}`}
          className={value === props.chosen ? 'tab tab-on' : 'tab'}
          onClick={() => props.onChoose(value)}
        >
          {props.label(value)}
        </button>
      ))}
    </div>
  );
}

/** A choice of indicator, named as `GET /v1/indicators` names them in the viewer's language. */
export function IndicatorSelect(props: {
  ids: readonly string[];
  chosen: string;
  onChoose: (id: string) => void;
  testId: string;
}) {
  const { t, language } = useLanguage();
  const definitions = useIndicatorDefinitions();
  return (
    <label>
      {t('leaderboard.indicator')}{' '}
      <select
        data-testid={props.testId}
        value={props.chosen}
        onChange={(event) => props.onChoose(event.target.value)}
      >
        {props.ids.map((id) => (
          <option key={id} value={id}>
            {indicatorName(
              definitions.data?.find((definition) => definition.id === id),
              id,
              language,
            )}
          </option>
        ))}
      </select>
    </label>
  );
}
