import { useTranslation } from 'react-i18next';
import type { PlannerTool } from './use-planner-editor';

export type PlannerToolbarProps = {
  tool: PlannerTool;
  disabled: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onTool: (tool: PlannerTool) => void;
  onUndo: () => void;
  onRedo: () => void;
};

const TOOLS: readonly PlannerTool[] = ['select', 'split', 'merge'];

/** The editing tools as buttons: everything works with the mouse alone. */
export function PlannerToolbar({
  tool,
  disabled,
  canUndo,
  canRedo,
  onTool,
  onUndo,
  onRedo,
}: PlannerToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="gs-planner-toolbar gs-card" role="toolbar" aria-label={t('planner.tools.label')}>
      {TOOLS.map((id) => (
        <button
          key={id}
          type="button"
          className="gs-planner-tool"
          aria-pressed={tool === id}
          disabled={disabled}
          data-testid={`planner-tool-${id}`}
          onClick={() => onTool(id)}
        >
          {t(`planner.tools.${id}`)}
        </button>
      ))}
      <span className="gs-planner-toolbar__sep" aria-hidden="true" />
      <button
        type="button"
        className="gs-planner-tool"
        disabled={disabled || !canUndo}
        onClick={onUndo}
        data-testid="planner-undo"
      >
        {t('planner.tools.undo')}
      </button>
      <button
        type="button"
        className="gs-planner-tool"
        disabled={disabled || !canRedo}
        onClick={onRedo}
        data-testid="planner-redo"
      >
        {t('planner.tools.redo')}
      </button>
    </div>
  );
}
