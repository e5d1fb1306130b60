// The look of a Chinese government service portal: antd's default algorithm with a deep
// government red as the primary colour, and the colours of the highlighted item kinds.
import type { ThemeConfig } from 'antd';

export const PRIMARY = '#b0131d';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: '#a8071a',
    borderRadius: 6,
    fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: PRIMARY, bodyBg: '#f4f5f7', headerHeight: 64, headerPadding: '0 24px', footerBg: '#f4f5f7' },
  },
};

export type ItemKind = 'provision' | 'tax_preference' | 'target' | 'budget' | 'route' | 'milestone';

export const ITEM_KINDS: readonly ItemKind[] = ['provision', 'tax_preference', 'target', 'budget', 'route', 'milestone'];

/** Tag colours (antd preset names) of the item kinds; the text highlight colours are in styles.css. */
export const KIND_TAG_COLOR: Record<ItemKind, string> = {
  provision: 'gold',
  tax_preference: 'purple',
  target: 'blue',
  budget: 'green',
  route: 'cyan',
  milestone: 'volcano',
};
