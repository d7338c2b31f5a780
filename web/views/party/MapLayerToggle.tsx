import { useTranslation } from 'react-i18next';
import { MAP_LAYERS, type MapLayer } from './use-party-layer';

/** Switches the grid map between the households fill and the party organisation layer. */
export function MapLayerToggle({
  layer,
  onChange,
}: {
  layer: MapLayer;
  onChange: (layer: MapLayer) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="gs-layer-toggle gs-card" data-testid="layer-toggle">
      <legend className="gs-layer-toggle__label">{t('party.layer.label')}</legend>
      {MAP_LAYERS.map((name) => (
        <button
          key={name}
          type="button"
          aria-pressed={layer === name}
          data-layer={name}
          onClick={() => onChange(name)}
        >
          {t(`party.layer.${name}`)}
        </button>
      ))}
    </fieldset>
  );
}
