using System.Runtime.CompilerServices;

// Every native signature is blittable; the source generator then emits direct calls with no marshalling stubs.
[assembly: DisableRuntimeMarshalling]
