namespace Tykky.Builder.Modules;

/// <summary>A piece of a message in a module file: literal text, or an expression of the module's language.</summary>
/// <param name="Text">The text or the expression.</param>
/// <param name="IsExpression">Whether <paramref name="Text"/> is evaluated when the module is loaded.</param>
public sealed record ModuleTextPart(string Text, bool IsExpression);
