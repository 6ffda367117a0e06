import { ApiError } from '../api/client';
import { useLanguage } from '../i18n/i18n';

/** Why a view has no figures: another unit's (403, the API keeps a department head to its own), or the error. */
export function ErrorNote(props: { error: Error }) {
  const { t } = useLanguage();
  if (props.error instanceof ApiError && props.error.status === 403)
    return (
      <p className="error" role="alert" data-testid="forbidden">
        {t('app.forbidden')}
      </p>
    );
  return (
    <p className="error" role="alert">
      {t('app.error', { message: props.error.message })}
    </p>
  );
}
