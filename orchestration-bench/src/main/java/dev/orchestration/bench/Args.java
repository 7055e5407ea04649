package dev.orchestration.bench;

import java.util.List;

/**
 * Reading a command's option values: the value after an option, and a number, each
 * failing with a {@link UsageException} that names the option.
 */
public final class Args {

	private Args() {
	}

	/**
	 * The argument at {@code index}, the value of the option before it.
	 * @param args the command's arguments
	 * @param index where the value should be
	 * @param name the option, for the message
	 * @return the value
	 * @throws UsageException when the arguments end before it
	 */
	public static String value(List<String> args, int index, String name) {
		if (index >= args.size()) {
			throw new UsageException(name + " needs a value");
		}
		return args.get(index);
	}

	/**
	 * The option's value as a number.
	 * @param value the value
	 * @param name the option, for the message
	 * @return the number
	 * @throws UsageException when it is not one
	 */
	public static double number(String value, String name) {
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new UsageException(name + " expects a number, got '" + value + "'");
		}
	}

}
