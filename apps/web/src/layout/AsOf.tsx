import { formatMoment } from '../format/format';
import { useLanguage } from '../i18n/i18n';

/** The moment a view's figures are as of, in Vietnam time. */
export function AsOf(props: { moment: string }) {
  const { t, language } = useLanguage();
  return (
    <p className="as-of" data-testid="as-of" data-moment={props.moment}>
      {t('app.asOf', { moment: formatMoment(props.moment, language) })}
    </p>
  );
}
