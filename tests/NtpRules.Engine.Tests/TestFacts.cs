namespace NtpRules.Engine.Tests;

public interface IHasOwner
{
    string Owner { get; }
}

public class Person(string name, int age)
{
    public string Name { get; } = name;
    public int Age { get; set; } = age;
    public override string ToString() => $"Person({Name},{Age})";
}

public sealed class Employee(string name, int age, string company) : Person(name, age)
{
    public string Company { get; set; } = company;
}

public sealed class Order(string owner, double amount) : IHasOwner
{
    public string Owner { get; set; } = owner;
    public double Amount { get; set; } = amount;
    public override string ToString() => $"Order({Owner},{Amount})";
}

public sealed record Note(string Text);
