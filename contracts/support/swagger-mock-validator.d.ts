// The package's `types` entry names a file it does not publish; this is the part of its API we use.
declare module '@pactflow/swagger-mock-validator' {
  export type ValidationResult = { code: string; message: string; mockDetails?: { interactionDescription?: string; location?: string } };
  export type ValidationOutcome = { success: boolean; errors: ValidationResult[]; warnings: ValidationResult[]; failureReason?: string };
  export const SwaggerMockValidatorFactory: {
    create(auth?: string): {
      /** Boolean options are the CLI's strings: only `'true'` switches one on. */
      validate(options: { specPathOrUrl: string; mockPathOrUrl: string; additionalPropertiesInResponse?: 'true' | 'false'; requiredPropertiesInResponse?: 'true' | 'false' }): Promise<ValidationOutcome>;
    };
  };
}
