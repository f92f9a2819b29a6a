namespace Tykky.Builder.Config;

/// <summary>The user's choice of conda activation (conda_activation); the manifest records the mode it led to.</summary>
public enum CondaActivationChoice
{
    /// <summary>Captured when the capture reproduces conda's activation under a perturbed launch environment, else dynamic with a warning (the default).</summary>
    Auto,

    /// <summary>Captured, even when the capture is not faithful (warned).</summary>
    Captured,

    /// <summary>conda activate at each launch (upstream's way); nothing is captured.</summary>
    Dynamic,
}
