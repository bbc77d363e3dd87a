// Whole-app validation: the pure pass over synthesized JSON, and its attachment to an App.
export { validateObjects } from './pass';
export { ValidationFinding } from './types';
export { AppValidation, APP_VALIDATION_ID, formatValidationFinding } from './app-validation';
