/**
 * The tray icon: kept in one long-lived object (a Tray that is garbage-collected vanishes), its
 * icon and tooltip following the state, its menu built again whenever what it shows changes.
 */
import { Menu, nativeImage, Tray, type NativeImage } from 'electron';
import { trayMenuTemplate, type TrayActions, type TrayMenuInput } from './tray-menu';
import { trayIconPath, trayTooltip, type TrayState } from './tray-state';

export interface TrayControllerOptions {
  iconsDir: string;
  platform: NodeJS.Platform;
  actions: TrayActions;
}

export class TrayController {
  private readonly tray: Tray;
  private icon: TrayState | null = null;
  private menuKey = '';
  private tooltip = '';

  constructor(private readonly opts: TrayControllerOptions, first: TrayMenuInput) {
    this.tray = new Tray(this.image(first.view.state));
    this.icon = first.view.state;
    // Windows and macOS: a click on the icon opens the dashboard (Linux trays show the menu).
    this.tray.on('click', () => opts.actions.openDashboard());
    this.show(first);
  }

  /** Shows a new state: the icon if it changed, the tooltip, and the menu if anything in it changed. */
  show(input: TrayMenuInput): void {
    if (input.view.state !== this.icon) {
      this.tray.setImage(this.image(input.view.state));
      this.icon = input.view.state;
    }
    const tooltip = trayTooltip(input.view);
    if (tooltip !== this.tooltip) {
      this.tray.setToolTip(tooltip);
      this.tooltip = tooltip;
    }
    const key = JSON.stringify([input.view.state, input.view.label, input.view.paused, input.view.engineRuns, input.startAtLogin, input.warning]);
    if (key !== this.menuKey) {
      this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(input, this.opts.actions)));
      this.menuKey = key;
    }
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(state: TrayState): NativeImage {
    // A missing file gives an empty image: the tray still works, without its picture.
    return nativeImage.createFromPath(trayIconPath(state, this.opts.platform, this.opts.iconsDir));
  }
}
