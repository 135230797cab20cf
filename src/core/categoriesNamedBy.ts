import { CATEGORIES, type CategoryId } from "./categories.ts";

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

// A label matches on whole-word prefixes, and one word of three letters or more: "or", "a" or "-" name no category.
const MIN_NAMING_WORD = 3;

/** Categories whose label the search text names: every word of the text starts a word of the label. */
export function categoriesNamedBy(text: string): CategoryId[] {
  const searched = words(text);
  if (!searched.some((word) => word.length >= MIN_NAMING_WORD)) return [];
  return CATEGORIES.filter((category) => {
    const labelWords = words(category.label);
    return searched.every((word) => labelWords.some((labelWord) => labelWord.startsWith(word)));
  }).map((category) => category.id);
}
