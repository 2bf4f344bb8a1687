export * from './languages.ts';
export * from './formatters.ts';
export * from './apiText.ts';
export { API_CATALOGUES, API_NAMESPACE, createI18n, type Catalogue, type Catalogues, type CreateI18nOptions, type I18n, type TFunction } from './createI18n.ts';
export * from './firmName.ts';
