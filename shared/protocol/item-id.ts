// Item ids are 32-bit signed integers at the wiki. Apart from the schemas, so that code the app's
// first paint runs (the compact format's decoder) can check an id without loading zod.
export const MAX_ITEM_ID = 2 ** 31 - 1;
