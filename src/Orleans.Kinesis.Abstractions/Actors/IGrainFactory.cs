namespace Orleans.Kinesis.Abstractions.Actors;

/// <summary>Hands out typed references to grains; a reference is cheap and activation happens on the first call.</summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey;
}
